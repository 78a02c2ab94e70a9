//! The Oxigraph store on RocksDB: one named graph per article, so that
//! re-ingesting an article replaces exactly its facts, and the ontology in
//! a graph of its own. Every write is one transaction in which an article's
//! facts and its bookkeeping ([`crate::bookkeeping`]) change together, so a
//! build killed at any moment leaves a store that the next build repairs.

use crate::article_list;
use crate::bookkeeping::{
    BUILD_GRAPH, ONTOLOGY_HASH, RULES_FINGERPRINT, article_rules_quad, bookkept_quads, build_quad, is_rules_quad,
    read_articles, read_build,
};
pub use crate::bookkeeping::{BuildRecord, StoredArticle};
use crate::divisions::{self, DivisionTable};
use crate::entities;
use crate::error::{GraphError, Result};
use crate::mapping::article_quads;
use crate::namespace::{DCTERMS, ONTOLOGY_GRAPH, article_iri};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tupu_ingest::Extraction;

/// What [`GraphStore::refresh_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// The facts changed: the graph was rewritten with this many quads.
    Rewritten(usize),
    /// The facts are those stored: only the rule-set version was updated.
    Same,
}

/// A tupu store directory, open for reading and writing.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    /// What the entities graph has yet to learn of this session's writes.
    entity_changes: Mutex<EntityChanges>,
    /// The article list, once read, kept up to date by every write, to be
    /// copied beside the store at the end of a build.
    articles: Mutex<ArticleList>,
}

/// The article list as this session knows it.
#[derive(Default)]
struct ArticleList {
    /// `None` until read.
    by_id: Option<BTreeMap<String, StoredArticle>>,
    /// Read from the copy beside the store, which still holds.
    from_copy: bool,
    /// Written to since.
    changed: bool,
}

/// What the graphs derived from the entities graph are derived with.
pub struct Derivation<'a> {
    /// The short forms of a company's full name
    /// ([`tupu_ingest::short_form::ShortForms::of`]), for the identity
    /// links ([`crate::identity`]).
    pub short_forms: &'a dyn Fn(&str) -> Vec<String>,
    /// The divisions by code, for the division graph.
    pub divisions: &'a DivisionTable,
}

/// The entities whose descriptions writes may have changed since the
/// entities graph was last brought in step ([`GraphStore::sync_entities`]).
#[derive(Default)]
struct EntityChanges {
    /// The store was found with a change under way (an interrupted build):
    /// the whole graph is derived again.
    all: bool,
    /// This session has put the pending mark in the store.
    marked: bool,
    /// Entities of graphs replaced or removed.
    recheck: BTreeSet<NamedNode>,
    /// Description statements of the graphs written.
    added: HashSet<entities::Statement>,
}

impl GraphStore {
    /// Opens the store at `path`, creating it if needed. Only one process
    /// can have a store open; another gets [`GraphError::StoreInUse`].
    pub fn open(path: &Path) -> Result<Self> {
        let store = Store::open(path).map_err(|source| open_error(path, source))?;
        let pending = entities::is_pending(&store)?;
        let entity_changes = Mutex::new(EntityChanges { all: pending, ..EntityChanges::default() });
        Ok(Self { store, path: path.to_owned(), entity_changes, articles: Mutex::default() })
    }

    /// The store directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The Oxigraph store, for queries and exports.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// Replaces the article's graph by the quads of `extraction`, in one
    /// transaction, without a rule-set version (so a build extracts it
    /// again). Returns the number of quads written.
    pub fn replace_article(&self, extraction: &Extraction) -> Result<usize> {
        let quads = article_quads(extraction);
        self.entities_change(&[extraction.article.id.as_str()], &quads)?;
        let mut transaction = self.store.start_transaction()?;
        write_graph(&mut transaction, &extraction.article.id, &quads)?;
        transaction.commit()?;
        self.listed(&[], Some(listing(extraction, None)));
        Ok(quads.len())
    }

    /// Writes an article extracted with the rules `rules_fingerprint`: its
    /// graph with its bookkeeping replaces what the graph held, and the
    /// graphs of the articles `replaces` (older texts of its file) are
    /// removed, all in one transaction. Returns the number of quads written.
    pub fn write_article(
        &self,
        extraction: &Extraction,
        rules_fingerprint: &str,
        replaces: &[String],
    ) -> Result<usize> {
        let id = &extraction.article.id;
        let quads = bookkept_quads(extraction, rules_fingerprint);
        let old: Vec<&str> = replaces.iter().chain([id]).map(String::as_str).collect();
        self.entities_change(&old, &quads)?;
        let mut transaction = self.store.start_transaction()?;
        for old in replaces.iter().filter(|old| *old != id) {
            transaction.remove_named_graph(article_iri(old).as_ref())?;
        }
        write_graph(&mut transaction, id, &quads)?;
        transaction.commit()?;
        self.listed(replaces, Some(listing(extraction, Some(rules_fingerprint))));
        Ok(quads.len())
    }

    /// Writes articles that are new to the store, with their bookkeeping,
    /// all at once through Oxigraph's bulk loader: it sorts the quads into
    /// table files beside the store and ingests them in one atomic step,
    /// skipping RocksDB's log and memory tables, where writing a large
    /// build one transaction per article spends most of its time. A crash
    /// leaves all of them or none. Articles whose graph exists after all
    /// are written one transaction each instead, since the loader only
    /// adds. Returns the number of quads written.
    pub fn load_new_articles(&self, extractions: &[Extraction], rules_fingerprint: &str) -> Result<usize> {
        let mut quads = Vec::new();
        let mut written = 0;
        for extraction in extractions {
            if self.store.contains_named_graph(article_iri(&extraction.article.id).as_ref())? {
                written += self.write_article(extraction, rules_fingerprint, &[])?;
            } else {
                quads.extend(bookkept_quads(extraction, rules_fingerprint));
            }
        }
        written += quads.len();
        if !quads.is_empty() {
            self.entities_change(&[], &quads)?;
            let mut loader = self.store.bulk_loader();
            loader.load_quads(quads)?;
            loader.commit()?;
            for extraction in extractions {
                self.listed(&[], Some(listing(extraction, Some(rules_fingerprint))));
            }
        }
        Ok(written)
    }

    /// Writes an article extracted again with other rules, in one
    /// transaction: when its quads are those stored (bookkeeping aside),
    /// only its rule-set version changes; otherwise its graph is rewritten.
    pub fn refresh_article(&self, extraction: &Extraction, rules_fingerprint: &str) -> Result<Refreshed> {
        let id = &extraction.article.id;
        let graph = article_iri(id);
        let fresh = bookkept_quads(extraction, rules_fingerprint);
        let mut transaction = self.store.start_transaction()?;
        let stored = transaction
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<Quad>, _>>()?;
        let facts = |quads: &[Quad]| -> HashSet<Quad> { quads.iter().filter(|q| !is_rules_quad(q)).cloned().collect() };
        if stored.is_empty() || facts(&stored) != facts(&fresh) {
            self.entities_change(&[id.as_str()], &fresh)?;
            write_graph(&mut transaction, id, &fresh)?;
            transaction.commit()?;
            self.listed(&[], Some(listing(extraction, Some(rules_fingerprint))));
            return Ok(Refreshed::Rewritten(fresh.len()));
        }
        self.entities_change(&[], &[])?;
        for quad in stored.iter().filter(|q| is_rules_quad(q)) {
            transaction.remove(quad);
        }
        transaction.insert(&article_rules_quad(id, rules_fingerprint));
        transaction.commit()?;
        self.listed(&[], Some(listing(extraction, Some(rules_fingerprint))));
        Ok(Refreshed::Same)
    }

    /// Records that an article's text is now at `source` (a moved or
    /// renamed file), in one transaction. Returns whether the article is
    /// in the store.
    pub fn set_source(&self, id: &str, source: &Path) -> Result<bool> {
        let article = article_iri(id);
        let property = NamedNode::new_unchecked(format!("{DCTERMS}source"));
        self.entities_change(&[], &[])?;
        let mut transaction = self.store.start_transaction()?;
        if !transaction.contains_named_graph(article.as_ref())? {
            return Ok(false);
        }
        let old = transaction
            .quads_for_pattern(
                Some(article.as_ref().into()),
                Some(property.as_ref()),
                None,
                Some(article.as_ref().into()),
            )
            .collect::<Result<Vec<Quad>, _>>()?;
        for quad in &old {
            transaction.remove(quad);
        }
        let literal = Literal::new_simple_literal(source.to_string_lossy());
        transaction.insert(&Quad::new(article.clone(), property, literal, article));
        transaction.commit()?;
        let mut list = self.articles.lock().unwrap_or_else(|e| e.into_inner());
        list.changed = true;
        if let Some(stored) = list.by_id.as_mut().and_then(|by_id| by_id.get_mut(id)) {
            stored.source = source.to_string_lossy().into_owned();
        }
        Ok(true)
    }

    /// Removes an article's graph. Returns whether it was there.
    pub fn remove_article(&self, id: &str) -> Result<bool> {
        let graph = article_iri(id);
        self.entities_change(&[id], &[])?;
        let mut transaction = self.store.start_transaction()?;
        let existed = transaction.contains_named_graph(graph.as_ref())?;
        transaction.remove_named_graph(graph.as_ref())?;
        transaction.commit()?;
        self.listed(&[id.to_owned()], None);
        Ok(existed)
    }

    /// Notes, before graphs are written, what that changes of the entities'
    /// descriptions: the graphs `old` are replaced or removed (their
    /// entities are described anew), the quads `new` are written (their
    /// descriptions added); and marks the change as under way in the store.
    fn entities_change(&self, old: &[&str], new: &[Quad]) -> Result<()> {
        let mut changes = self.entity_changes.lock().unwrap_or_else(|e| e.into_inner());
        if !changes.marked {
            entities::mark_pending(&self.store)?;
            changes.marked = true;
        }
        if changes.all {
            return Ok(());
        }
        for id in old {
            changes.recheck.extend(entities::mentioned_in(&self.store, article_iri(id).as_ref())?);
        }
        changes.added.extend(entities::descriptions_in(new));
        Ok(())
    }

    /// Brings the entities graph ([`crate::entities`]) in step with the
    /// articles written since the store was opened (or with all of them,
    /// when an earlier process was interrupted before it could), and what
    /// is derived from it — the identity links and the division graph —
    /// where that may have changed, or everywhere when `anew` (the rules
    /// they are derived with changed). A build calls it once its writes
    /// are done. Returns whether anything was to be done.
    pub fn sync_entities(&self, derivation: &Derivation<'_>, anew: bool) -> Result<bool> {
        let mut changes = self.entity_changes.lock().unwrap_or_else(|e| e.into_inner());
        if !(changes.all || changes.marked || anew) {
            return Ok(false);
        }
        let touched = if changes.all {
            entities::rebuild(&self.store)?
        } else if changes.marked {
            let added = std::mem::take(&mut changes.added);
            entities::refresh(&self.store, &changes.recheck, added)?
        } else {
            entities::Touched::default()
        };
        let touched = if anew { entities::Touched::all() } else { touched };
        if touched.codes_removed {
            divisions::refresh(&self.store, derivation.divisions)?;
        } else if !touched.codes_added.is_empty() {
            divisions::add(&self.store, derivation.divisions, &touched.codes_added)?;
        }
        entities::finish(&self.store, touched.names.then_some(derivation.short_forms))?;
        *changes = EntityChanges::default();
        Ok(true)
    }

    /// Whether [`GraphStore::sync_entities`] has something to do even
    /// with the rules unchanged.
    pub fn entities_out_of_step(&self) -> bool {
        let changes = self.entity_changes.lock().unwrap_or_else(|e| e.into_inner());
        changes.all || changes.marked
    }

    /// Notes that the store is about to change in ways this session does
    /// not follow (a SPARQL update): the next build derives the entities
    /// graph anew and reads the article list from the store.
    pub fn begin_untracked_change(&self) -> Result<()> {
        self.articles.lock().unwrap_or_else(|e| e.into_inner()).by_id = None;
        entities::mark_pending(&self.store)
    }

    /// Updates the article list after a write: `gone` removed, `written`
    /// added or replaced.
    fn listed(&self, gone: &[String], written: Option<StoredArticle>) {
        let mut list = self.articles.lock().unwrap_or_else(|e| e.into_inner());
        list.changed = true;
        if let Some(by_id) = list.by_id.as_mut() {
            for id in gone {
                by_id.remove(id);
            }
            if let Some(article) = written {
                by_id.insert(article.id.clone(), article);
            }
        }
    }

    /// The stored articles with their bookkeeping, sorted by id.
    pub fn articles(&self) -> Result<Vec<StoredArticle>> {
        self.read_article_list(None)
    }

    /// The stored articles with their bookkeeping, sorted by id, read
    /// faster when all were extracted with `rules_fingerprint` (the usual
    /// case, which two counts establish).
    pub fn articles_expecting(&self, rules_fingerprint: &str) -> Result<Vec<StoredArticle>> {
        self.read_article_list(Some(rules_fingerprint))
    }

    /// The article list from its copy beside the store when that holds,
    /// else from the store; remembered for [`Self::save_article_list`].
    fn read_article_list(&self, expected_rules: Option<&str>) -> Result<Vec<StoredArticle>> {
        if let Some(by_id) = &self.articles.lock().unwrap_or_else(|e| e.into_inner()).by_id {
            // read before in this session, and kept up to date by its writes
            return Ok(by_id.values().cloned().collect());
        }
        let copy = article_list::load(&self.path, &article_list::tokens(&self.store)?);
        let from_copy = copy.is_some();
        let articles = match copy {
            Some(articles) => articles,
            None => read_articles(&self.store, expected_rules)?,
        };
        let mut list = self.articles.lock().unwrap_or_else(|e| e.into_inner());
        list.by_id = Some(articles.iter().map(|a| (a.id.clone(), a.clone())).collect());
        list.from_copy = from_copy;
        Ok(articles)
    }

    /// Copies the article list beside the store, for the next build to
    /// read quickly; nothing when the copy still holds or the list was
    /// never read.
    pub fn save_article_list(&self) -> Result<()> {
        let mut list = self.articles.lock().unwrap_or_else(|e| e.into_inner());
        let ArticleList { by_id: Some(by_id), from_copy, changed } = &*list else { return Ok(()) };
        if *from_copy && !*changed {
            return Ok(());
        }
        article_list::save(&self.store, &self.path, by_id)?;
        list.from_copy = true;
        list.changed = false;
        Ok(())
    }

    /// What the store records about its builds.
    pub fn build_record(&self) -> Result<BuildRecord> {
        Ok(read_build(&self.store)?)
    }

    /// Records the rules of a build that went to its end.
    pub fn set_build_rules(&self, rules_fingerprint: &str) -> Result<()> {
        let mut transaction = self.store.start_transaction()?;
        set_build_value(&mut transaction, RULES_FINGERPRINT, rules_fingerprint)?;
        transaction.commit()?;
        Ok(())
    }

    /// Loads the Turtle file `path` into the ontology graph, replacing what
    /// was there, and records the file's [`ontology_hash`] in the same
    /// transaction. Returns the number of triples.
    pub fn load_ontology(&self, path: &Path) -> Result<usize> {
        let ontology_error = |message: String| GraphError::Ontology { path: path.to_owned(), message };
        let text = std::fs::read(path).map_err(|e| ontology_error(format!("cannot read: {e}")))?;
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let parser = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(ONTOLOGY_GRAPH)
            .map_err(|e| ontology_error(e.to_string()))?
            .without_named_graphs()
            .with_default_graph(graph.clone());
        let quads: Vec<Quad> =
            parser.for_slice(&text).collect::<Result<_, _>>().map_err(|e| ontology_error(e.to_string()))?;
        let mut transaction = self.store.start_transaction()?;
        transaction.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        transaction.extend(&quads);
        set_build_value(&mut transaction, ONTOLOGY_HASH, &ontology_hash(&text))?;
        transaction.commit()?;
        Ok(quads.len())
    }

    /// The number of quads of one graph, or of all when `graph` is `None`.
    pub fn len(&self, graph: Option<NamedNodeRef<'_>>) -> Result<usize> {
        match graph {
            None => Ok(self.store.len()?),
            Some(g) => Ok(self.store.quads_for_pattern(None, None, None, Some(g.into())).count()),
        }
    }

    /// The names of the graphs in the store, sorted.
    pub fn graphs(&self) -> Result<Vec<GraphName>> {
        let mut graphs = self
            .store
            .named_graphs()
            .map(|g| {
                g.map(|g| match g {
                    NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                    NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
                })
            })
            .collect::<Result<Vec<_>, StorageError>>()?;
        graphs.sort_by_key(ToString::to_string);
        Ok(graphs)
    }
}

/// The hash [`GraphStore::load_ontology`] records for the bytes of an
/// ontology file, to tell whether the loaded ontology is that file's.
pub fn ontology_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// How the article list records an article just written.
fn listing(extraction: &Extraction, rules_fingerprint: Option<&str>) -> StoredArticle {
    StoredArticle {
        id: extraction.article.id.clone(),
        source: extraction.article.source.to_string_lossy().into_owned(),
        rules_fingerprint: rules_fingerprint.map(str::to_owned),
    }
}

/// Makes the article's graph hold exactly `quads`.
fn write_graph(transaction: &mut Transaction<'_>, id: &str, quads: &[Quad]) -> Result<(), StorageError> {
    let graph = article_iri(id);
    transaction.clear_graph(graph.as_ref())?;
    transaction.insert_named_graph(graph.as_ref());
    transaction.extend(quads);
    Ok(())
}

/// Makes `property` of the build record hold exactly `value`.
fn set_build_value(transaction: &mut Transaction<'_>, property: &str, value: &str) -> Result<(), StorageError> {
    let build = NamedNode::new_unchecked(BUILD_GRAPH);
    let predicate = NamedNode::new_unchecked(property);
    let old = transaction
        .quads_for_pattern(Some(build.as_ref().into()), Some(predicate.as_ref()), None, Some(build.as_ref().into()))
        .collect::<Result<Vec<Quad>, _>>()?;
    for quad in &old {
        transaction.remove(quad);
    }
    transaction.insert_named_graph(build.as_ref());
    transaction.insert(&build_quad(property, value));
    Ok(())
}

/// RocksDB reports a held store as an I/O error about its `LOCK` file.
fn open_error(path: &Path, reason: StorageError) -> GraphError {
    if reason.to_string().to_ascii_lowercase().contains("lock") {
        GraphError::StoreInUse { path: path.to_owned() }
    } else {
        GraphError::Open { path: path.to_owned(), reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::tests::sample;
    use crate::namespace::{SKOS, TPID};
    use tupu_ingest::Fact;

    #[test]
    fn replace_article_replaces_exactly_one_graph() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        let b = sample("bbbbbbbbbbbbbbbb");
        store.replace_article(&a).unwrap();
        let written_b = store.replace_article(&b).unwrap();
        let graph_b = article_iri("bbbbbbbbbbbbbbbb");
        assert_eq!(store.len(Some(graph_b.as_ref())).unwrap(), written_b);

        let mut smaller = a.clone();
        smaller.facts.retain(|f| matches!(f, Fact::Relation { .. }));
        let written = store.replace_article(&smaller).unwrap();
        let graph_a = article_iri("aaaaaaaaaaaaaaaa");
        assert_eq!(store.len(Some(graph_a.as_ref())).unwrap(), written);
        assert!(written < article_quads(&a).len());
        assert_eq!(store.len(Some(graph_b.as_ref())).unwrap(), written_b, "b untouched");

        assert!(store.remove_article("aaaaaaaaaaaaaaaa").unwrap());
        assert_eq!(store.len(Some(graph_a.as_ref())).unwrap(), 0);
        assert!(!store.remove_article("aaaaaaaaaaaaaaaa").unwrap());
        let ids: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["bbbbbbbbbbbbbbbb"]);
    }

    /// No company has short forms.
    fn no_short_forms(_: &str) -> Vec<String> {
        Vec::new()
    }

    const HEBEI: &str = "宝德数坝数字产业（河北）有限公司";
    const GUANGDONG: &str = "宝德数坝数字产业（广东）有限公司";

    /// The short forms of the two full names.
    fn short_forms(name: &str) -> Vec<String> {
        if name == HEBEI || name == GUANGDONG {
            vec!["宝德数坝".into(), "宝德数坝公司".into()]
        } else {
            Vec::new()
        }
    }

    /// Brings the derived graphs in step, as a build does.
    fn sync(store: &GraphStore, short_forms: &dyn Fn(&str) -> Vec<String>) {
        let divisions = DivisionTable::default();
        store.sync_entities(&Derivation { short_forms, divisions: &divisions }, false).unwrap();
    }

    /// `sample(id)` with its company called `name`.
    fn with_company(id: &str, name: &str) -> Extraction {
        let mut extraction = sample(id);
        extraction.entities[0].name = name.into();
        extraction.entities[0].aliases.clear();
        for fact in &mut extraction.facts {
            match fact {
                Fact::Relation { subject, .. } if subject == "宝德数坝" => *subject = name.into(),
                Fact::Position { organization, .. } => *organization = name.into(),
                _ => {}
            }
        }
        extraction
    }

    /// The entities graph of a store built from `extractions` at once.
    fn built_at_once(extractions: &[Extraction]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.load_new_articles(extractions, "r").unwrap();
        sync(&store, &short_forms);
        entities_graph(&store)
    }

    #[test]
    fn a_short_name_is_linked_while_exactly_one_full_name_is_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let short = sample("aaaaaaaaaaaaaaaa");
        let hebei = with_company("bbbbbbbbbbbbbbbb", HEBEI);
        let guangdong = with_company("cccccccccccccccc", GUANGDONG);
        let link = format!("<{TPID}宝德数坝> <{}> <{TPID}{HEBEI}>", crate::identity::SAME_AS);
        let alias = format!("<{TPID}{HEBEI}> <{SKOS}altLabel> \"宝德数坝\"@zh");
        let has = |lines: &[String], what: &str| lines.iter().any(|l| l.starts_with(what));
        store.write_article(&short, "r", &[]).unwrap();
        sync(&store, &short_forms);
        assert!(!entities_graph(&store).iter().any(|l| l.contains("sameAs")));

        // The full name arrives: the short name is linked to it.
        store.write_article(&hebei, "r", &[]).unwrap();
        sync(&store, &short_forms);
        let linked = entities_graph(&store);
        assert!(has(&linked, &link) && has(&linked, &alias), "{linked:#?}");
        assert_eq!(linked, built_at_once(&[short.clone(), hebei.clone()]), "day by day = at once");

        // A second full name of that short form: no guess between them.
        store.write_article(&guangdong, "r", &[]).unwrap();
        sync(&store, &short_forms);
        let ambiguous = entities_graph(&store);
        assert!(!ambiguous.iter().any(|l| l.contains("sameAs")), "{ambiguous:#?}");
        assert!(!has(&ambiguous, &alias));
        assert_eq!(ambiguous, built_at_once(&[short.clone(), hebei.clone(), guangdong.clone()]));

        store.remove_article("cccccccccccccccc").unwrap();
        sync(&store, &short_forms);
        assert_eq!(entities_graph(&store), linked, "linked again");

        // The last article naming the full name goes: so does the link.
        store.remove_article("bbbbbbbbbbbbbbbb").unwrap();
        sync(&store, &short_forms);
        let alone = entities_graph(&store);
        assert!(!alone.iter().any(|l| l.contains("sameAs") || l.contains("河北")), "{alone:#?}");
        assert_eq!(alone, built_at_once(&[short]));
    }

    #[test]
    fn a_short_name_an_article_gives_stays_when_the_link_goes() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let mut hebei = with_company("bbbbbbbbbbbbbbbb", HEBEI);
        hebei.entities[0].aliases.insert("宝德数坝".into());
        let alias = format!("<{TPID}{HEBEI}> <{SKOS}altLabel> \"宝德数坝\"@zh");
        store.write_article(&sample("aaaaaaaaaaaaaaaa"), "r", &[]).unwrap();
        store.write_article(&hebei, "r", &[]).unwrap();
        sync(&store, &short_forms);
        assert!(entities_graph(&store).iter().any(|l| l.contains("sameAs")));
        store.remove_article("aaaaaaaaaaaaaaaa").unwrap();
        sync(&store, &short_forms);
        let left = entities_graph(&store);
        assert!(!left.iter().any(|l| l.contains("sameAs")), "{left:#?}");
        assert!(left.iter().any(|l| l.starts_with(&alias)), "the article says it: {left:#?}");
        assert_eq!(left, built_at_once(&[hebei]));
    }

    /// The quads of the division graph as sorted lines.
    fn divisions_graph(store: &GraphStore) -> Vec<String> {
        let graph = format!("<{}>", crate::divisions::DIVISIONS_GRAPH);
        dump(store).into_iter().filter(|line| line.ends_with(&graph)).collect()
    }

    #[test]
    fn the_division_graph_follows_the_divisions_as_a_full_derivation_does() {
        let table = DivisionTable::of_rows(&[
            ("130000", "河北省", "Province"),
            ("130700", "张家口市", "City"),
            ("130722", "张北县", "County"),
        ]);
        let sync = |store: &GraphStore, anew: bool| {
            let derivation = Derivation { short_forms: &no_short_forms, divisions: &table };
            store.sync_entities(&derivation, anew).unwrap();
        };
        // the division graph of a store holding `articles`, derived whole
        let derived_at_once = |articles: &[&Extraction]| {
            let dir = tempfile::tempdir().unwrap();
            let fresh = GraphStore::open(dir.path()).unwrap();
            for article in articles {
                fresh.write_article(article, "r", &[]).unwrap();
            }
            sync(&fresh, true);
            divisions_graph(&fresh)
        };
        let city_article = sample("aaaaaaaaaaaaaaaa");
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.write_article(&city_article, "r", &[]).unwrap();
        sync(&store, false);
        let city = divisions_graph(&store);
        assert!(city.iter().any(|l| l.contains("张家口市> <https://w3id.org/tupu/ontology#locatedIn>")), "{city:#?}");
        assert_eq!(city, derived_at_once(&[&city_article]), "a division added");

        // a county of the city arrives: only added to what is there
        let mut county = sample("bbbbbbbbbbbbbbbb");
        county.entities.retain(|e| e.name == "张家口市");
        county.entities[0].name = "张北县".into();
        county.entities[0].adcode = Some("130722".into());
        county.entities[0].aliases.clear();
        county.facts.clear();
        store.write_article(&county, "r", &[]).unwrap();
        sync(&store, false);
        let both = divisions_graph(&store);
        assert!(both.len() > city.len(), "{both:#?}");
        assert_eq!(both, derived_at_once(&[&city_article, &county]), "a county added");

        // the county goes: what it alone brought goes with it
        store.remove_article("bbbbbbbbbbbbbbbb").unwrap();
        sync(&store, false);
        assert_eq!(divisions_graph(&store), city, "the county removed");
    }

    #[test]
    fn new_rules_derive_the_links_again_though_no_article_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        store.write_article(&sample("aaaaaaaaaaaaaaaa"), "r", &[]).unwrap();
        store.write_article(&with_company("bbbbbbbbbbbbbbbb", HEBEI), "r", &[]).unwrap();
        sync(&store, &no_short_forms);
        assert!(!entities_graph(&store).iter().any(|l| l.contains("sameAs")));
        let divisions = DivisionTable::default();
        let derivation = Derivation { short_forms: &short_forms, divisions: &divisions };
        assert!(!store.sync_entities(&derivation, false).unwrap(), "nothing written, rules the same");
        assert!(!entities_graph(&store).iter().any(|l| l.contains("sameAs")));
        assert!(store.sync_entities(&derivation, true).unwrap());
        assert!(entities_graph(&store).iter().any(|l| l.contains("sameAs")), "derived with the new rules");
    }

    /// The quads of the entities graph as sorted lines.
    fn entities_graph(store: &GraphStore) -> Vec<String> {
        let graph = format!("<{}>", crate::entities::ENTITIES_GRAPH);
        dump(store).into_iter().filter(|line| line.ends_with(&graph)).collect()
    }

    #[test]
    fn entities_are_described_once_while_an_article_mentions_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        let mut b = sample("bbbbbbbbbbbbbbbb");
        b.entities.retain(|e| e.name == "张家口市");
        b.entities[0].aliases.insert("张垣".into());
        b.facts.clear();
        store.load_new_articles(std::slice::from_ref(&a), "r").unwrap();
        store.write_article(&b, "r", &[]).unwrap();
        sync(&store, &no_short_forms);
        let both = entities_graph(&store);
        let city = format!("<{}张家口市>", crate::namespace::TPID);
        let about_city = |lines: &[String]| lines.iter().filter(|l| l.starts_with(&city)).count();
        // type, label, two aliases, adcode: once, though two articles say most of it.
        assert_eq!(about_city(&both), 5, "{both:#?}");
        assert!(both.iter().any(|l| l.contains("宝德数坝公司")));

        store.remove_article("bbbbbbbbbbbbbbbb").unwrap();
        sync(&store, &no_short_forms);
        let one = entities_graph(&store);
        assert_eq!(about_city(&one), 4, "the alias only b gave is gone: {one:#?}");

        store.remove_article("aaaaaaaaaaaaaaaa").unwrap();
        sync(&store, &no_short_forms);
        assert_eq!(entities_graph(&store), Vec::<String>::new());
    }

    #[test]
    fn a_store_left_mid_change_has_its_entities_derived_again() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = GraphStore::open(dir.path()).unwrap();
            store.write_article(&sample("aaaaaaaaaaaaaaaa"), "r", &[]).unwrap();
            // No sync_entities: as if the process were killed here.
        }
        let store = GraphStore::open(dir.path()).unwrap();
        assert!(entities_graph(&store).is_empty());
        sync(&store, &no_short_forms);
        assert!(!entities_graph(&store).is_empty());
        assert!(!crate::entities::is_pending(store.oxigraph()).unwrap());
    }

    #[test]
    fn the_article_list_copy_is_trusted_only_while_the_store_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(article_list::ARTICLE_LIST_FILE);
        {
            let store = GraphStore::open(dir.path()).unwrap();
            assert!(store.articles().unwrap().is_empty());
            store.write_article(&sample("aaaaaaaaaaaaaaaa"), "r", &[]).unwrap();
            store.save_article_list().unwrap();
        }
        assert!(std::fs::read_to_string(&copy).unwrap().starts_with("aaaaaaaaaaaaaaaa\t"));
        let store = GraphStore::open(dir.path()).unwrap();
        let from_copy = store.articles().unwrap();
        assert_eq!(from_copy, store_articles(&store));

        // A change begins: the copy no longer counts, even if never rewritten.
        store.write_article(&sample("bbbbbbbbbbbbbbbb"), "r", &[]).unwrap();
        drop(store);
        let store = GraphStore::open(dir.path()).unwrap();
        assert_eq!(store.articles().unwrap().len(), 2);
        store.save_article_list().unwrap();
        drop(store);

        // A copy edited by hand does not match the store's token.
        let text = std::fs::read_to_string(&copy).unwrap();
        std::fs::write(&copy, text.replace("seeds/a b.txt", "elsewhere.txt")).unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        assert!(store.articles().unwrap().iter().all(|a| a.source == "seeds/a b.txt"));
    }

    /// The article list as the store itself says.
    fn store_articles(store: &GraphStore) -> Vec<StoredArticle> {
        read_articles(&store.store, None).unwrap()
    }

    #[test]
    fn articles_are_listed_with_source_and_rules() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        store.replace_article(&a).unwrap();
        let listed = store.articles().unwrap();
        assert_eq!(
            listed,
            [StoredArticle { id: a.article.id.clone(), source: "seeds/a b.txt".into(), rules_fingerprint: None }]
        );
        store.write_article(&a, "rules-1", &[]).unwrap();
        assert_eq!(store.articles().unwrap()[0].rules_fingerprint.as_deref(), Some("rules-1"));
    }

    /// The quads of a store as sorted N-Quads lines.
    fn dump(store: &GraphStore) -> Vec<String> {
        let mut lines: Vec<String> = store.oxigraph().iter().map(|q| q.unwrap().to_string()).collect();
        lines.sort();
        lines
    }

    #[test]
    fn write_article_replaces_the_older_texts_of_its_file_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let old = sample("aaaaaaaaaaaaaaaa");
        let other = sample("cccccccccccccccc");
        store.write_article(&old, "r", &[]).unwrap();
        store.write_article(&other, "r", &[]).unwrap();
        let new = sample("bbbbbbbbbbbbbbbb");
        store.write_article(&new, "r", &["aaaaaaaaaaaaaaaa".to_owned()]).unwrap();
        let ids: Vec<String> = store.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["bbbbbbbbbbbbbbbb", "cccccccccccccccc"]);
        assert!(!store.oxigraph().contains_named_graph(article_iri("aaaaaaaaaaaaaaaa").as_ref()).unwrap());
    }

    #[test]
    fn refresh_rewrites_only_graphs_whose_facts_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        store.write_article(&a, "rules-1", &[]).unwrap();
        assert_eq!(store.refresh_article(&a, "rules-2").unwrap(), Refreshed::Same);
        let clean = tempfile::tempdir().unwrap();
        let clean = GraphStore::open(clean.path()).unwrap();
        clean.write_article(&a, "rules-2", &[]).unwrap();
        assert_eq!(dump(&store), dump(&clean), "only the version changed");

        let mut fewer = a.clone();
        fewer.facts.truncate(1);
        assert!(matches!(store.refresh_article(&fewer, "rules-3").unwrap(), Refreshed::Rewritten(_)));
        let clean_dir = tempfile::tempdir().unwrap();
        let clean = GraphStore::open(clean_dir.path()).unwrap();
        clean.write_article(&fewer, "rules-3", &[]).unwrap();
        assert_eq!(dump(&store), dump(&clean));
    }

    #[test]
    fn a_moved_article_gets_its_new_source() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        store.write_article(&a, "r", &[]).unwrap();
        assert!(store.set_source("aaaaaaaaaaaaaaaa", Path::new("/new/place.txt")).unwrap());
        assert!(!store.set_source("dddddddddddddddd", Path::new("/x")).unwrap(), "no such article");
        let mut moved = a.clone();
        moved.article.source = PathBuf::from("/new/place.txt");
        let clean_dir = tempfile::tempdir().unwrap();
        let clean = GraphStore::open(clean_dir.path()).unwrap();
        clean.write_article(&moved, "r", &[]).unwrap();
        assert_eq!(dump(&store), dump(&clean));
    }

    #[test]
    fn the_build_record_holds_one_value_of_each() {
        let dir = tempfile::tempdir().unwrap();
        let ttl = dir.path().join("o.ttl");
        std::fs::write(&ttl, "@prefix tp: <https://w3id.org/tupu/ontology#> .\ntp:A a tp:B .\n").unwrap();
        let store = GraphStore::open(&dir.path().join("store")).unwrap();
        assert_eq!(store.build_record().unwrap(), BuildRecord::default());
        store.load_ontology(&ttl).unwrap();
        store.set_build_rules("r1").unwrap();
        store.set_build_rules("r2").unwrap();
        let record = store.build_record().unwrap();
        assert_eq!(record.rules_fingerprint.as_deref(), Some("r2"));
        assert_eq!(record.ontology_hash, Some(ontology_hash(&std::fs::read(&ttl).unwrap())));
        assert_eq!(store.len(Some(NamedNode::new_unchecked(BUILD_GRAPH).as_ref())).unwrap(), 2);
    }

    #[test]
    fn shared_entities_go_with_the_last_article_that_mentions_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path()).unwrap();
        let a = sample("aaaaaaaaaaaaaaaa");
        let mut b = sample("bbbbbbbbbbbbbbbb");
        b.entities.retain(|e| e.name == "张家口市");
        b.facts.clear();
        for extraction in [&a, &b] {
            store.write_article(extraction, "r", &[]).unwrap();
        }
        let city = crate::namespace::entity_iri("张家口市");
        let about = |store: &GraphStore| {
            store.oxigraph().quads_for_pattern(Some(city.as_ref().into()), None, None, None).count()
        };
        store.remove_article("aaaaaaaaaaaaaaaa").unwrap();
        assert!(about(&store) > 0, "b still mentions 张家口市");
        store.remove_article("bbbbbbbbbbbbbbbb").unwrap();
        assert_eq!(about(&store), 0, "label, alias, class and mentions are gone");
    }

    #[test]
    fn a_held_store_gives_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let _held = GraphStore::open(dir.path()).unwrap();
        let err = GraphStore::open(dir.path()).err().expect("second open must fail");
        assert!(matches!(err, GraphError::StoreInUse { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&dir.path().display().to_string()), "{message}");
        assert!(message.contains("in use by another tupu process"), "{message}");
        assert!(!message.contains("LOCK"), "{message}");
    }

    #[test]
    fn the_ontology_goes_into_its_own_graph() {
        let dir = tempfile::tempdir().unwrap();
        let ttl = dir.path().join("o.ttl");
        std::fs::write(&ttl, "@prefix tp: <https://w3id.org/tupu/ontology#> .\ntp:A a tp:B .\n").unwrap();
        let store = GraphStore::open(&dir.path().join("store")).unwrap();
        assert_eq!(store.load_ontology(&ttl).unwrap(), 1);
        assert_eq!(store.load_ontology(&ttl).unwrap(), 1);
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        assert_eq!(store.len(Some(graph.as_ref())).unwrap(), 1, "replaced, not added");

        std::fs::write(&ttl, "@prefix tp: <https://w3id.org/tupu/ontology#> .\ntp:A a .\n").unwrap();
        let err = store.load_ontology(&ttl).unwrap_err().to_string();
        assert!(err.contains("o.ttl") && err.contains('2'), "{err}");
    }
}
