//! A view as Graphviz DOT that reads well in a report: Chinese labels in a
//! CJK font (never IRIs), shapes and colours by class with a legend, a
//! caption that says what is shown and whether it was cut down, targets
//! and observations as a table in their subject's node (a time line, not
//! a fan of small nodes), a person's post as one edge to the organization,
//! optional boxes (what lies in a place or zone, what one article says),
//! and the same text for the same graph so that two runs diff cleanly.

use super::build::View;
use super::definition::Cluster;
use super::label::wrap;
use crate::entity_graph::{EntityEdge, EntityNode, FONT, NodeClass};
use crate::namespace::TP;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Characters per line before a label is broken.
const WRAP: usize = 10;

/// Siblings without edges are laid out in a grid from this many on, so
/// that a box of ten parks is not one long row.
const GRID_FROM: usize = 5;

impl View {
    /// The view as Graphviz DOT.
    pub fn to_dot(&self) -> String {
        Dot::new(self).write()
    }

    /// The lines of the caption: the title, what was kept, the counts.
    pub fn caption(&self) -> Vec<String> {
        let zh = self.definition.language == "zh";
        let g = self.graph.graph();
        let mut lines = vec![self.definition.title.clone()];
        if let Some(id) = &self.article {
            let title = self.articles.get(id).and_then(|a| a.title.clone()).unwrap_or_else(|| id.clone());
            lines.push(if zh { format!("文章：{title}") } else { format!("article: {title}") });
        }
        if let Some((iri, depth)) = &self.focus {
            let label = self.graph.node_of(iri).map(|n| g[n].label.clone()).unwrap_or_else(|| iri.clone());
            lines.push(if zh {
                format!("「{label}」{depth} 步以内")
            } else {
                format!("within {depth} steps of {label}")
            });
        }
        let is_fact = |n: NodeIndex| g[n].class.is_some_and(NodeClass::is_fact);
        let entities = self.graph.entity_count();
        let facts = g
            .node_indices()
            .filter(|&n| matches!(g[n].class, Some(NodeClass::Target | NodeClass::Observation)))
            .count();
        let positions = g.node_indices().filter(|&n| g[n].class == Some(NodeClass::Position)).count();
        let relations =
            g.edge_references().filter(|e| !is_fact(e.source()) && !is_fact(e.target())).count() + positions;
        let mut counts = match (self.is_truncated(), zh) {
            (false, true) => format!("{entities} 个实体"),
            (false, false) => format!("{entities} entities"),
            (true, true) => format!("显示 {entities} / {} 个实体（联系最多的）", self.total_entities),
            (true, false) => format!("showing {entities} of {} entities (the best linked)", self.total_entities),
        };
        if relations > 0 {
            counts.push_str(&if zh {
                format!(" · {relations} 条关系")
            } else {
                format!(" · {relations} relations")
            });
        }
        if facts > 0 {
            counts.push_str(&if zh {
                format!(" · {facts} 项目标与指标")
            } else {
                format!(" · {facts} targets and observations")
            });
        }
        lines.push(counts);
        lines
    }
}

/// How the graph is drawn: what goes into which box, which fact nodes are
/// folded into a table or an edge.
struct Dot<'a> {
    view: &'a View,
    /// A node's container, for clusters by a relation.
    parent: BTreeMap<NodeIndex, NodeIndex>,
    /// Nodes drawn as a box around their members.
    containers: BTreeSet<NodeIndex>,
    /// Targets and observations drawn as rows of their subject's table.
    rows: BTreeMap<NodeIndex, Vec<NodeIndex>>,
    /// Positions drawn as an edge from the person to the organization.
    posts: Vec<(NodeIndex, NodeIndex, NodeIndex)>,
    /// Nodes not drawn as nodes (rows and posts).
    folded: BTreeSet<NodeIndex>,
    focus: Option<NodeIndex>,
    out: String,
}

/// An edge as drawn.
struct DrawnEdge {
    tail: NodeIndex,
    head: NodeIndex,
    predicate: String,
    text: String,
}

impl<'a> Dot<'a> {
    fn new(view: &'a View) -> Self {
        let g = view.graph.graph();
        let focus = view.focus.as_ref().and_then(|(iri, _)| view.graph.node_of(iri));
        let mut dot = Self {
            view,
            parent: BTreeMap::new(),
            containers: BTreeSet::new(),
            rows: BTreeMap::new(),
            posts: Vec::new(),
            folded: BTreeSet::new(),
            focus,
            out: String::new(),
        };
        for n in g.node_indices() {
            let incoming: Vec<NodeIndex> = g.neighbors_directed(n, Direction::Incoming).collect();
            let outgoing: Vec<NodeIndex> = g.neighbors_directed(n, Direction::Outgoing).collect();
            match (g[n].class, incoming.as_slice(), outgoing.as_slice()) {
                (Some(NodeClass::Target | NodeClass::Observation), [subject], []) if view.definition.fact_tables => {
                    dot.rows.entry(*subject).or_default().push(n);
                    dot.folded.insert(n);
                }
                (Some(NodeClass::Position), [person], [organization]) => {
                    dot.posts.push((*person, *organization, n));
                    dot.folded.insert(n);
                }
                _ => {}
            }
        }
        if let Cluster::Relation(predicate) = &view.definition.cluster {
            dot.parent = containers_by(view, predicate);
            dot.containers = dot.parent.values().copied().collect();
        }
        dot
    }

    fn write(mut self) -> String {
        let view = self.view;
        let definition = &view.definition;
        let name = escape(&definition.name);
        let caption = view.caption().iter().map(|l| escape(l)).collect::<Vec<_>>().join("\\n");
        let _ = writeln!(self.out, "digraph \"{name}\" {{");
        let _ = writeln!(
            self.out,
            "  graph [rankdir={}, fontname=\"{FONT}\", charset=\"UTF-8\", label=\"{caption}\", labelloc=t, \
             fontsize=18, pad=0.3, nodesep=0.25, ranksep=0.5, newrank=true, compound=true, bgcolor=\"#ffffff\"];",
            definition.rankdir
        );
        let _ = writeln!(
            self.out,
            "  node [fontname=\"{FONT}\", fontsize=12, style=filled, fillcolor=\"#ffffff\", color=\"#666666\", \
             margin=\"0.12,0.06\"];"
        );
        let _ = writeln!(self.out, "  edge [fontname=\"{FONT}\", fontsize=10, arrowsize=0.7];");

        let edges = self.drawn_edges();
        let mut linked = BTreeSet::new();
        for edge in &edges {
            linked.insert(edge.tail);
            linked.insert(edge.head);
        }
        let g = view.graph.graph();
        match &definition.cluster {
            Cluster::Article => self.article_boxes(&linked),
            _ => {
                let roots: Vec<NodeIndex> =
                    g.node_indices().filter(|n| !self.parent.contains_key(n) && !self.folded.contains(n)).collect();
                self.members(&roots, 1, &linked);
            }
        }
        for edge in &edges {
            self.edge(edge);
        }
        if definition.legend {
            self.legend(&edges);
        }
        self.out.push_str("}\n");
        self.out
    }

    /// The edges drawn: those of the graph but for the ones into folded
    /// nodes and memberships a box shows, and one per post.
    fn drawn_edges(&self) -> Vec<DrawnEdge> {
        let view = self.view;
        let g = view.graph.graph();
        let language = &view.definition.language;
        let cluster_predicate = match &view.definition.cluster {
            Cluster::Relation(p) => Some(p.as_str()),
            _ => None,
        };
        let mut edges = Vec::new();
        for edge in g.edge_references() {
            let (s, o, weight) = (edge.source(), edge.target(), edge.weight());
            if self.folded.contains(&s) || self.folded.contains(&o) {
                continue;
            }
            // Being inside the box already says so.
            if cluster_predicate == Some(weight.predicate.as_str()) && self.parent.get(&s) == Some(&o) {
                continue;
            }
            edges.push(DrawnEdge {
                tail: s,
                head: o,
                predicate: weight.predicate.clone(),
                text: weight.label(language),
            });
        }
        for &(person, organization, post) in &self.posts {
            let title = g[post].attribute("tp:title").map(str::to_owned).unwrap_or_else(|| g[post].label.clone());
            edges.push(DrawnEdge {
                tail: person,
                head: organization,
                predicate: format!("{TP}holdsPosition"),
                text: title,
            });
        }
        edges
    }

    /// Nodes and boxes side by side; those with no edge at all in a grid.
    fn members(&mut self, members: &[NodeIndex], depth: usize, linked: &BTreeSet<NodeIndex>) {
        let mut loose = Vec::new();
        for &m in members {
            if self.containers.contains(&m) {
                self.container(m, depth, linked);
            } else {
                self.node(m, depth);
                if !linked.contains(&m) {
                    loose.push(m);
                }
            }
        }
        if loose.len() >= GRID_FROM {
            // Tallest first, so that a rank of the grid holds tables of
            // like height: a long time line does not leave a band of
            // white beside small ones.
            loose.sort_by_key(|n| (std::cmp::Reverse(self.rows.get(n).map_or(0, Vec::len)), *n));
            let columns = (loose.len() as f64).sqrt().ceil() as usize;
            let indent = "  ".repeat(depth);
            for pair in loose.windows(columns + 1) {
                let _ = writeln!(self.out, "{indent}n{} -> n{} [style=invis];", pair[0].index(), pair[columns].index());
            }
        }
    }

    /// One box per article around what only that article mentions; what
    /// several articles mention stays outside, between them.
    fn article_boxes(&mut self, linked: &BTreeSet<NodeIndex>) {
        let view = self.view;
        let g = view.graph.graph();
        let mut boxes: BTreeMap<&str, Vec<NodeIndex>> = BTreeMap::new();
        let mut shared = Vec::new();
        for n in g.node_indices().filter(|n| !self.folded.contains(n)) {
            match (g[n].articles.len(), g[n].articles.iter().next()) {
                (1, Some(article)) => boxes.entry(article).or_default().push(n),
                _ => shared.push(n),
            }
        }
        self.members(&shared, 1, linked);
        for (i, (article, members)) in boxes.into_iter().enumerate() {
            let info = view.articles.get(article).cloned().unwrap_or_default();
            let mut label = wrap(info.title.as_deref().unwrap_or(article), 18);
            if let Some(date) = info.date {
                label.push('\n');
                label.push_str(&date);
            }
            let _ = writeln!(
                self.out,
                "  subgraph cluster_article{i} {{\n    label=\"{}\"; fontsize=12; style=\"rounded,filled\"; \
                 fillcolor=\"#fafafa\"; color=\"#bdbdbd\";",
                escape(&label)
            );
            self.members(&members, 2, linked);
            self.out.push_str("  }\n");
        }
    }

    /// A container as a box labelled with its name, holding its members
    /// (and their boxes) and an invisible point that edges to it end at.
    fn container(&mut self, c: NodeIndex, depth: usize, linked: &BTreeSet<NodeIndex>) {
        let view = self.view;
        let g = view.graph.graph();
        let node = &g[c];
        let style = view.definition.node_style(node.class);
        let indent = "  ".repeat(depth);
        let focus = if self.focus == Some(c) { " penwidth=2.5; color=\"#c62828\";" } else { " color=\"#8d8d8d\";" };
        let _ = writeln!(
            self.out,
            "{indent}subgraph cluster_n{} {{\n{indent}  label=\"{}\"; fontsize=14; style=\"rounded,filled\"; \
             fillcolor=\"{}\";{focus}",
            c.index(),
            escape(&wrap(&node.label, 16)),
            lighter(&style.color),
        );
        let _ = writeln!(self.out, "{indent}  a{} [shape=point, style=invis, width=0.01, label=\"\"];", c.index());
        let members: Vec<NodeIndex> =
            g.node_indices().filter(|m| self.parent.get(m) == Some(&c) && !self.folded.contains(m)).collect();
        self.members(&members, depth + 1, linked);
        let _ = writeln!(self.out, "{indent}}}");
    }

    fn node(&mut self, n: NodeIndex, depth: usize) {
        let view = self.view;
        let node = &view.graph.graph()[n];
        let style = view.definition.node_style(node.class);
        let indent = "  ".repeat(depth);
        let focused = self.focus == Some(n);
        if let Some(rows) = self.rows.get(&n) {
            let table = self.table(node, &style.color, rows, focused);
            let _ = writeln!(self.out, "{indent}n{} [shape=plain, style=\"\", label=<{table}>];", n.index());
            return;
        }
        let mut extra = String::new();
        if focused {
            extra.push_str(", penwidth=2.5, color=\"#c62828\"");
        }
        if let Some(tooltip) = tooltip(node) {
            let _ = write!(extra, ", tooltip=\"{}\"", escape(&tooltip));
        }
        let width = if node.class.is_some_and(NodeClass::is_fact) { 14 } else { WRAP };
        let _ = writeln!(
            self.out,
            "{indent}n{} [label=\"{}\", shape={}, fillcolor=\"{}\"{extra}];",
            n.index(),
            escape(&wrap(&node.label, width)),
            style.shape,
            style.color,
        );
    }

    /// An entity with its targets and observations: its name over one row
    /// per fact — when, what, how much — in time order.
    fn table(&self, node: &EntityNode, color: &str, rows: &[NodeIndex], focused: bool) -> String {
        let view = self.view;
        let g = view.graph.graph();
        let zh = view.definition.language == "zh";
        let border = if focused { "color=\"#c62828\" border=\"2\"" } else { "color=\"#9e9e9e\" border=\"1\"" };
        let mut table = format!(
            "<table {border} cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><td colspan=\"3\" \
             bgcolor=\"{color}\"><font point-size=\"13\">{}</font></td></tr>",
            html_lines(&wrap(&node.label, 16))
        );
        for &row in rows {
            let fact = &g[row];
            let kind = fact.class.expect("a fact node has a class");
            let fill = view.definition.node_style(Some(kind)).color;
            let when = match kind {
                NodeClass::Target => {
                    let year = fact.attribute("tp:year").unwrap_or("?");
                    if zh { format!("{year}年目标") } else { format!("target {year}") }
                }
                _ => fact
                    .attribute("tp:date")
                    .map(|d| if zh { super::label::date_zh(d) } else { d.to_owned() })
                    .unwrap_or_else(|| "—".into()),
            };
            let indicator = fact.attribute("tp:indicator").unwrap_or("");
            let value = super::label::value_text(fact, zh);
            let _ = write!(
                table,
                "<tr><td bgcolor=\"{fill}\" align=\"left\">{}</td><td align=\"left\">{}</td>\
                 <td align=\"right\">{}</td></tr>",
                html_escape(&when),
                html_lines(&wrap(indicator, 14)),
                html_escape(&value)
            );
        }
        table.push_str("</table>");
        table
    }

    fn edge(&mut self, edge: &DrawnEdge) {
        let view = self.view;
        let mut attributes = Vec::new();
        if view.definition.edge_labels || edge.predicate == format!("{TP}holdsPosition") {
            attributes.push(format!("label=\"{}\"", escape(&edge.text)));
        }
        let style = view.definition.edge_style(&edge.predicate);
        if let Some(color) = &style.color {
            attributes.push(format!("color=\"{color}\", fontcolor=\"{color}\""));
        }
        if let Some(line) = &style.style {
            if line != "solid" {
                attributes.push(format!("style={line}"));
            }
        }
        if (EntityEdge { predicate: edge.predicate.clone() }).is_symmetric() {
            attributes.push("dir=none".into());
        }
        let tail = self.end(edge.tail, edge.head, "ltail", &mut attributes);
        let head = self.end(edge.head, edge.tail, "lhead", &mut attributes);
        let _ = writeln!(self.out, "  {tail} -> {head} [{}];", attributes.join(", "));
    }

    /// The DOT id an edge end is drawn at: the node, or for a container
    /// the point in its box, clipped at the box unless the other end is
    /// inside it.
    fn end(&self, n: NodeIndex, other: NodeIndex, clip: &str, attributes: &mut Vec<String>) -> String {
        if !self.containers.contains(&n) {
            return format!("n{}", n.index());
        }
        if !self.is_inside(other, n) {
            attributes.push(format!("{clip}=cluster_n{}", n.index()));
        }
        format!("a{}", n.index())
    }

    /// Whether `n` is drawn inside the box of container `c` (or is `c`).
    fn is_inside(&self, mut n: NodeIndex, c: NodeIndex) -> bool {
        for _ in 0..=self.parent.len() {
            if n == c {
                return true;
            }
            match self.parent.get(&n) {
                Some(&p) => n = p,
                None => return false,
            }
        }
        false
    }

    /// A box with a small sample of each class drawn and the lines of the
    /// relations drawn, at the end of the picture.
    fn legend(&mut self, edges: &[DrawnEdge]) {
        let view = self.view;
        let language = &view.definition.language;
        let zh = language == "zh";
        let g = view.graph.graph();
        let classes: BTreeSet<Option<NodeClass>> = g
            .node_indices()
            .filter(|n| !self.folded.contains(n) || g[*n].class != Some(NodeClass::Position))
            .map(|n| g[n].class)
            .collect();
        // Classes only drawn as tables (or table rows) have no shape to show.
        let as_tables: BTreeSet<Option<NodeClass>> = classes
            .iter()
            .copied()
            .filter(|class| {
                g.node_indices()
                    .filter(|n| g[*n].class == *class)
                    .all(|n| self.rows.contains_key(&n) || self.folded.contains(&n))
            })
            .collect();
        if classes.is_empty() {
            return;
        }
        let predicates: BTreeSet<&str> = edges.iter().map(|e| e.predicate.as_str()).collect();
        let _ = writeln!(
            self.out,
            "  subgraph cluster_legend {{\n    label=\"{}\"; fontsize=11; style=\"rounded\"; color=\"#bdbdbd\";",
            if zh { "图例" } else { "legend" }
        );
        let mut ids = Vec::new();
        for (i, class) in classes.iter().enumerate() {
            let style = view.definition.node_style(*class);
            let name = class.map_or(if zh { "其他" } else { "other" }, |c| c.display_name(language));
            let shape = if as_tables.contains(class) { "box" } else { style.shape.as_str() };
            let _ = writeln!(
                self.out,
                "    legend{i} [label=\"{}\", shape={shape}, fillcolor=\"{}\", fontsize=9, height=0.3, \
                 margin=\"0.06,0.03\"];",
                escape(name),
                style.color
            );
            ids.push(format!("legend{i}"));
        }
        if !predicates.is_empty() {
            let mut rows = String::new();
            for predicate in &predicates {
                let style = view.definition.edge_style(predicate);
                let line = match style.style.as_deref() {
                    Some("dashed") => "╌╌╌▶",
                    Some("dotted") => "┈┈┈▶",
                    Some("bold") => "━━━▶",
                    _ => "───▶",
                };
                let name = if *predicate == format!("{TP}holdsPosition") {
                    (if zh { "职务" } else { "position" }).to_owned()
                } else {
                    EntityEdge { predicate: (*predicate).to_owned() }.label(language)
                };
                let _ = write!(
                    rows,
                    "<tr><td align=\"left\"><font color=\"{}\">{line}</font></td><td align=\"left\">{}</td></tr>",
                    style.color.as_deref().unwrap_or("#666666"),
                    html_escape(&name)
                );
            }
            let _ = writeln!(
                self.out,
                "    legend_edges [shape=plain, style=\"\", fontsize=9, label=<<table border=\"0\" cellspacing=\"1\">{rows}</table>>];"
            );
            ids.push("legend_edges".into());
        }
        // Left to right, the classes in columns of at most six side by
        // side and the relations in a column of their own (beside a class
        // their tall list would push a gap into the grid); top to bottom,
        // one row (a second one would sit a whole rank of the picture lower).
        let across = matches!(view.definition.rankdir.as_str(), "TB" | "BT");
        if across {
            let _ = writeln!(self.out, "    {{ rank=same; {}; }}", ids.join("; "));
        } else {
            let shapes = &ids[..classes.len()];
            let per_column = shapes.len().div_ceil(shapes.len().div_ceil(6));
            for column in shapes.chunks(per_column) {
                let _ = writeln!(self.out, "    {{ rank=same; {}; }}", column.join("; "));
            }
            for (a, b) in shapes.iter().zip(shapes.iter().skip(per_column)) {
                let _ = writeln!(self.out, "    {a} -> {b} [style=invis];");
            }
            if let (Some(last), Some(lines)) = (shapes.chunks(per_column).last(), ids.get(shapes.len())) {
                let _ = writeln!(self.out, "    {} -> {lines} [style=invis];", last[0]);
            }
        }
        self.out.push_str("  }\n");
    }
}

/// Each node's container: the node it has `predicate` to, the most
/// specific one when there are several (a company in 创坝园区 and in
/// 张家口市 goes into the park when the park lies in the city); cycles
/// are cut.
fn containers_by(view: &View, predicate: &str) -> BTreeMap<NodeIndex, NodeIndex> {
    let g = view.graph.graph();
    let targets = |n: NodeIndex| -> BTreeSet<NodeIndex> {
        g.edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().predicate == predicate && e.target() != n)
            .map(|e| e.target())
            .collect()
    };
    let mut parent = BTreeMap::new();
    for n in g.node_indices() {
        let candidates = targets(n);
        let wider: BTreeSet<NodeIndex> = candidates.iter().flat_map(|&c| targets(c)).collect();
        if let Some(&p) = candidates.iter().find(|c| !wider.contains(c)).or(candidates.iter().next()) {
            parent.insert(n, p);
        }
    }
    for n in g.node_indices() {
        let mut at = parent.get(&n).copied();
        let mut steps = 0;
        while let Some(p) = at {
            if p == n {
                parent.remove(&n);
                break;
            }
            steps += 1;
            if steps > parent.len() {
                break;
            }
            at = parent.get(&p).copied();
        }
    }
    parent
}

/// The literal attributes, one per line, for the SVG hover text.
fn tooltip(node: &EntityNode) -> Option<String> {
    if node.attributes.is_empty() {
        return None;
    }
    let lines: Vec<String> = node
        .attributes
        .iter()
        .map(|(key, values)| {
            let key = key.strip_prefix("tp:").unwrap_or(key);
            format!("{key}: {}", values.iter().cloned().collect::<Vec<_>>().join(" | "))
        })
        .collect();
    Some(lines.join("\n"))
}

/// A paler version of a `#rrggbb` colour, for the inside of boxes.
fn lighter(color: &str) -> String {
    let Some(hex) = color.strip_prefix('#').filter(|h| h.len() >= 6) else { return "#f5f5f5".into() };
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(255);
    let mix = |c: u8| 255 - (255 - c) / 2;
    format!("#{:02x}{:02x}{:02x}", mix(channel(0)), mix(channel(2)), mix(channel(4)))
}

/// The text of a DOT double-quoted string.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside a DOT HTML-like label.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Text with line breaks inside a DOT HTML-like label.
fn html_lines(text: &str) -> String {
    text.lines().map(html_escape).collect::<Vec<_>>().join("<br/>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity_graph::{EntityEdge, EntityGraph};
    use crate::namespace::TPID;
    use tupu_ingest::{EntityClass, Relation};

    fn node(name: &str, class: EntityClass) -> EntityNode {
        EntityNode::new(format!("{TPID}{name}"), name, Some(NodeClass::Entity(class)))
    }

    fn edge(s: &str, r: Relation, o: &str) -> (String, EntityEdge, String) {
        (format!("{TPID}{s}"), EntityEdge::relation(r), format!("{TPID}{o}"))
    }

    fn layout() -> View {
        let nodes = vec![
            node("一带两翼三区多节点", EntityClass::Zone),
            node("一带", EntityClass::Zone),
            node("两翼", EntityClass::Zone),
            node("张北县", EntityClass::County),
            node("怀来县", EntityClass::County),
            node("张家口市", EntityClass::City),
        ];
        let edges = vec![
            edge("一带", Relation::PartOf, "一带两翼三区多节点"),
            edge("两翼", Relation::PartOf, "一带两翼三区多节点"),
            edge("张北县", Relation::PartOf, "一带"),
            edge("怀来县", Relation::PartOf, "两翼"),
            edge("一带两翼三区多节点", Relation::LocatedIn, "张家口市"),
        ];
        let mut view = View::whole(EntityGraph::from_parts(nodes, edges));
        view.definition.cluster = Cluster::Relation(EntityEdge::relation(Relation::PartOf).predicate);
        view
    }

    #[test]
    fn containers_become_boxes_and_membership_edges_go() {
        let view = layout();
        let dot = view.to_dot();
        let g = view.graph.graph();
        let id = |name: &str| g.node_indices().find(|&n| g[n].label == name).unwrap().index();
        let (whole, one, zhangbei) = (id("一带两翼三区多节点"), id("一带"), id("张北县"));
        let outer = dot.find(&format!("subgraph cluster_n{whole} ")).expect(&dot);
        let inner = dot.find(&format!("subgraph cluster_n{one} ")).expect(&dot);
        let member = dot.find(&format!("n{zhangbei} [label=\"张北县\"")).expect(&dot);
        assert!(outer < inner && inner < member, "{dot}");
        assert!(!dot.contains(&format!("n{zhangbei} -> a{one}")), "membership is the box: {dot}");
        assert!(dot.contains(&format!("a{whole} -> n{} [label=\"位于\"", id("张家口市"))), "{dot}");
        assert!(dot.contains(&format!("ltail=cluster_n{whole}")), "{dot}");
        assert!(!dot.contains("https://"), "{dot}");
    }

    #[test]
    fn caption_and_legend() {
        let mut view = layout();
        view.total_entities = 9;
        view.total_edges = 7;
        let dot = view.to_dot();
        assert!(dot.contains("显示 6 / 9 个实体"), "{dot}");
        assert!(dot.contains("label=\"布局分区\", shape=hexagon"), "{dot}");
        assert!(dot.contains("label=\"县区\", shape=ellipse"), "{dot}");
        assert!(dot.contains("───▶</font></td><td align=\"left\">位于"), "{dot}");
        assert!(!dot.contains(">属于<"), "no 属于 edge is drawn, the boxes say it: {dot}");
        // The relations' tall list in a column of its own, not in a row of
        // shapes, where it pushed a gap into the legend.
        assert!(dot.contains("{ rank=same; legend0; legend1; legend2; }"), "{dot}");
        assert!(dot.contains("legend0 -> legend_edges [style=invis];"), "{dot}");
    }

    #[test]
    fn a_cycle_of_containers_is_cut() {
        let nodes = vec![node("甲", EntityClass::Zone), node("乙", EntityClass::Zone)];
        let edges = vec![edge("甲", Relation::PartOf, "乙"), edge("乙", Relation::PartOf, "甲")];
        let mut view = View::whole(EntityGraph::from_parts(nodes, edges));
        view.definition.cluster = Cluster::Relation(EntityEdge::relation(Relation::PartOf).predicate);
        let parents = containers_by(&view, &EntityEdge::relation(Relation::PartOf).predicate);
        assert_eq!(parents.len(), 1, "{parents:?}");
        let dot = view.to_dot();
        assert_eq!(dot.matches("subgraph cluster_n").count(), 1, "{dot}");
    }

    #[test]
    fn lighter_colours() {
        assert_eq!(lighter("#000000"), "#808080");
        assert_eq!(lighter("#ffffff"), "#ffffff");
        assert_eq!(lighter("red"), "#f5f5f5");
    }

    #[test]
    fn dot_renders_when_graphviz_is_installed() {
        let dot = layout().to_dot();
        let child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("note: graphviz `dot` not installed, rendering not checked");
            return;
        };
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("Warning"), "{stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("张北县"));
    }
}
