//! Graph algorithms on an entity graph or a view, with petgraph: how two
//! entities are connected, which are central, which parts hang together.
//! Relations are read in either direction for connections (a company
//! located in a park is connected to it either way), and in their own
//! direction for PageRank (what things lie in, belong to, are run by).
//! PageRank is our own sparse power iteration ([`page_rank`]): petgraph's
//! visits every pair of nodes in every iteration, which a year of news
//! (thousands of entities) makes slow.

use crate::entity_graph::EntityGraph;
use petgraph::Undirected;
use petgraph::algo::{astar, dijkstra, tarjan_scc};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

pub use petgraph::graph::NodeIndex as Node;

/// One step of a path: from one node to the next along an edge, which
/// may point either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// Where the step starts.
    pub from: NodeIndex,
    /// Where it ends.
    pub to: NodeIndex,
    /// The edge walked (its own direction may be `to → from`).
    pub edge: EdgeIndex,
}

/// The shortest chain of edges between two nodes, edges read both ways;
/// `None` when they are not connected, no hops when `from == to`.
pub fn shortest_path(graph: &EntityGraph, from: NodeIndex, to: NodeIndex) -> Option<Vec<Hop>> {
    let undirected = graph.graph().map(|_, _| (), |edge, _| edge).into_edge_type::<Undirected>();
    let (_, nodes) = astar(&undirected, from, |n| n == to, |_| 1usize, |_| 0)?;
    let hops = nodes
        .windows(2)
        .map(|pair| {
            let edge = undirected
                .edges_connecting(pair[0], pair[1])
                .map(|e| *e.weight())
                .min()
                .expect("consecutive nodes of a path are connected");
            Hop { from: pair[0], to: pair[1], edge }
        })
        .collect();
    Some(hops)
}

/// How central a node is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centrality {
    /// The node.
    pub node: NodeIndex,
    /// Distinct neighbours, edges read both ways.
    pub degree: usize,
    /// Closeness, edges read both ways: how near the node is to all it
    /// can reach (the inverse of its mean distance to them), scaled by the
    /// share of the graph it can reach, so that the hub of a small part
    /// does not outrank the hub of the large one. From 0 to 1.
    pub closeness: f64,
    /// PageRank (damping 0.85) over the relations' own direction — what
    /// things lie in, belong to, are run by, invest in; the ranks sum to 1.
    pub pagerank: f64,
}

/// What "most central" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CentralityOrder {
    /// Most neighbours first; ties by closeness, then PageRank.
    #[default]
    Degree,
    /// Nearest to everything first; ties by degree.
    Closeness,
    /// Highest PageRank first; ties by degree.
    PageRank,
}

/// Every node's degree, closeness and PageRank, most central first in
/// `order` (then in the graph's order).
pub fn centrality(graph: &EntityGraph, order: CentralityOrder) -> Vec<Centrality> {
    let g = graph.graph();
    let mut links: BTreeSet<(NodeIndex, NodeIndex)> = BTreeSet::new();
    for edge in g.edge_references() {
        if edge.source() == edge.target() {
            continue;
        }
        // A symmetric relation counts once, as stated: both ways, every
        // pair of partners would hold rank between them and outrank all.
        links.insert((edge.source(), edge.target()));
    }
    let mut simple: DiGraph<(), ()> = DiGraph::with_capacity(g.node_count(), links.len());
    for _ in g.node_indices() {
        simple.add_node(());
    }
    for (s, o) in &links {
        simple.add_edge(*s, *o, ());
    }
    let ranks = page_rank(&simple, DAMPING);
    let undirected = simple.into_edge_type::<Undirected>();
    let others = g.node_count().saturating_sub(1).max(1) as f64;
    let mut out: Vec<Centrality> = g
        .node_indices()
        .map(|n| {
            let neighbours: BTreeSet<NodeIndex> = g.neighbors_undirected(n).filter(|&m| m != n).collect();
            let distances = dijkstra(&undirected, n, None, |_| 1usize);
            let reached = distances.len().saturating_sub(1) as f64;
            let total: usize = distances.values().sum();
            let closeness = if total == 0 { 0.0 } else { (reached / total as f64) * (reached / others) };
            Centrality {
                node: n,
                degree: neighbours.len(),
                closeness,
                pagerank: ranks.get(n.index()).copied().unwrap_or(0.0),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let by = match order {
            CentralityOrder::Degree => b
                .degree
                .cmp(&a.degree)
                .then(b.closeness.total_cmp(&a.closeness))
                .then(b.pagerank.total_cmp(&a.pagerank)),
            CentralityOrder::Closeness => b.closeness.total_cmp(&a.closeness).then(b.degree.cmp(&a.degree)),
            CentralityOrder::PageRank => b.pagerank.total_cmp(&a.pagerank).then(b.degree.cmp(&a.degree)),
        };
        by.then(a.node.cmp(&b.node))
    });
    out
}

/// The PageRank damping factor: the chance that a walker follows a link
/// rather than jumping anywhere.
const DAMPING: f64 = 0.85;

/// Power iterations at most; they stop earlier once the ranks move less
/// than [`TOLERANCE`] in all (a few dozen suffice for news graphs).
const MAX_ITERATIONS: usize = 100;

/// The total change in rank below which the ranks have converged.
const TOLERANCE: f64 = 1e-12;

/// PageRank by power iteration over the edge list, in O(nodes + edges)
/// per iteration: each node keeps `1 - damping` of a uniform jump, and
/// passes `damping` of its rank along its out-edges in equal parts; a
/// node without out-edges spreads it over all nodes. The ranks sum to 1.
///
/// This is the textbook definition (as networkx's `pagerank`); petgraph's
/// `page_rank` is quadratic and withholds the jump from a node's own
/// successors (petgraph issue #960), so its ranks differ slightly unless
/// `damping` is 1.
pub fn page_rank<N, E>(graph: &DiGraph<N, E>, damping: f64) -> Vec<f64> {
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out_degree: Vec<usize> = graph.node_indices().map(|v| graph.edges(v).count()).collect();
    let mut ranks = vec![1.0 / n as f64; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = ranks.iter().zip(&out_degree).filter(|(_, d)| **d == 0).map(|(r, _)| r).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for edge in graph.edge_references() {
            let (from, to) = (edge.source().index(), edge.target().index());
            next[to] += damping * ranks[from] / out_degree[from] as f64;
        }
        let change: f64 = next.iter().zip(&ranks).map(|(a, b)| (a - b).abs()).sum();
        ranks = next;
        if change < TOLERANCE {
            break;
        }
    }
    ranks
}

/// The connected parts of the graph (edges read both ways), largest
/// first, each in the graph's order.
pub fn components(graph: &EntityGraph) -> Vec<Vec<NodeIndex>> {
    let undirected = graph.graph().map(|_, _| (), |_, _| ()).into_edge_type::<Undirected>();
    let mut parts = tarjan_scc(&undirected);
    for part in &mut parts {
        part.sort();
    }
    parts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.first().cmp(&b.first())));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity_graph::{EntityEdge, EntityNode, NodeClass};
    use crate::namespace::TPID;
    use tupu_ingest::{EntityClass, Relation};

    /// 宝德 → 创坝 → 张家口市 ← 秦淮, 张家口市 partOf 河北省; 甲 — 乙 apart.
    fn sample() -> EntityGraph {
        let names = ["宝德", "创坝", "张家口市", "秦淮", "河北省", "甲", "乙", "孤"];
        let nodes = names
            .iter()
            .map(|n| EntityNode::new(format!("{TPID}{n}"), *n, Some(NodeClass::Entity(EntityClass::Company))))
            .collect();
        let edge = |s: &str, r, o: &str| (format!("{TPID}{s}"), EntityEdge::relation(r), format!("{TPID}{o}"));
        let edges = vec![
            edge("宝德", Relation::LocatedIn, "创坝"),
            edge("创坝", Relation::LocatedIn, "张家口市"),
            edge("秦淮", Relation::LocatedIn, "张家口市"),
            edge("张家口市", Relation::LocatedIn, "河北省"),
            edge("甲", Relation::CooperatesWith, "乙"),
        ];
        EntityGraph::from_parts(nodes, edges)
    }

    fn by_label(graph: &EntityGraph, label: &str) -> NodeIndex {
        graph.graph().node_indices().find(|&n| graph.graph()[n].label == label).unwrap()
    }

    #[test]
    fn paths_read_edges_both_ways() {
        let graph = sample();
        let g = graph.graph();
        let hops = shortest_path(&graph, by_label(&graph, "宝德"), by_label(&graph, "秦淮")).unwrap();
        let labels: Vec<&str> = hops.iter().map(|h| g[h.to].label.as_str()).collect();
        assert_eq!(labels, ["创坝", "张家口市", "秦淮"]);
        let last = hops[2];
        assert_eq!(g.edge_endpoints(last.edge), Some((last.to, last.from)), "秦淮 → 张家口市, walked backwards");
        assert!(shortest_path(&graph, by_label(&graph, "宝德"), by_label(&graph, "甲")).is_none());
        assert_eq!(shortest_path(&graph, by_label(&graph, "甲"), by_label(&graph, "甲")), Some(vec![]));
    }

    #[test]
    fn centrality_by_degree_closeness_and_pagerank() {
        let graph = sample();
        let g = graph.graph();
        let first = |order| g[centrality(&graph, order)[0].node].label.clone();
        assert_eq!(first(CentralityOrder::Degree), "张家口市", "three neighbours");
        assert_eq!(first(CentralityOrder::Closeness), "张家口市");
        assert_eq!(first(CentralityOrder::PageRank), "河北省", "everything flows into the province");
        let ranked = centrality(&graph, CentralityOrder::Degree);
        let city = ranked.iter().find(|c| g[c.node].label == "张家口市").unwrap();
        assert_eq!(city.degree, 3);
        // Four of seven others reached at distances 1, 1, 1, 2.
        assert!((city.closeness - (4.0 / 5.0) * (4.0 / 7.0)).abs() < 1e-9, "{}", city.closeness);
        let alone = ranked.iter().find(|c| g[c.node].label == "孤").unwrap();
        assert_eq!((alone.degree, alone.closeness), (0, 0.0));
        let total: f64 = ranked.iter().map(|c| c.pagerank).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
    }

    /// 0 → 1 → 2 → 0 and 0 → 2, 3 → 2, 4 alone: cycles, a dangling node
    /// and a node nothing links to.
    fn small() -> DiGraph<(), ()> {
        DiGraph::from_edges([(0, 1), (1, 2), (2, 0), (0, 2), (3, 2), (4, 4)].map(|(a, b)| (a as u32, b as u32)))
    }

    #[test]
    fn page_rank_matches_petgraph_where_petgraph_is_exact() {
        // Without damping petgraph's iteration is the textbook one; on a
        // graph without self-loops the two must agree.
        let mut graph = small();
        graph.remove_edge(graph.find_edge(4.into(), 4.into()).unwrap());
        let ours = page_rank(&graph, 1.0);
        let theirs = petgraph::algo::page_rank(&graph, 1.0_f64, 200);
        for (a, b) in ours.iter().zip(&theirs) {
            assert!((a - b).abs() < 1e-9, "{ours:?} vs petgraph {theirs:?}");
        }
        // With damping both rank the nodes alike.
        let order = |ranks: &[f64]| {
            let mut nodes: Vec<usize> = (0..ranks.len()).collect();
            nodes.sort_by(|&a, &b| ranks[b].total_cmp(&ranks[a]).then(a.cmp(&b)));
            nodes
        };
        let theirs = petgraph::algo::page_rank(&graph, DAMPING, 100);
        assert_eq!(order(&page_rank(&graph, DAMPING)), order(&theirs));
    }

    #[test]
    fn page_rank_solves_the_textbook_equations() {
        // a → c ← b: r_a = r_b = (1-d)/3 + d·r_c/3 (c spreads its rank
        // over all), r_c = 1 - 2·r_a.
        let graph: DiGraph<(), ()> = DiGraph::from_edges([(0u32, 2u32), (1, 2)]);
        let d = DAMPING;
        let leaf = ((1.0 - d) / 3.0 + d / 3.0) / (1.0 + 2.0 * d / 3.0);
        let ranks = page_rank(&graph, d);
        let expected = [leaf, leaf, 1.0 - 2.0 * leaf];
        for (a, b) in ranks.iter().zip(&expected) {
            assert!((a - b).abs() < 1e-9, "{ranks:?} vs {expected:?}");
        }
        let total: f64 = page_rank(&small(), d).iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        assert!(page_rank(&DiGraph::<(), ()>::new(), d).is_empty());
    }

    #[test]
    fn components_largest_first() {
        let graph = sample();
        let parts = components(&graph);
        let sizes: Vec<usize> = parts.iter().map(Vec::len).collect();
        assert_eq!(sizes, [5, 2, 1]);
        assert_eq!(graph.graph()[parts[2][0]].label, "孤");
    }
}
