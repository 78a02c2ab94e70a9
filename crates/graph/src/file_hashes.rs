//! The content hashes of the files a build read, each with the file's size,
//! times and inode, kept in a file of the store directory so that the next
//! build reads again only the files that changed on disk — the way `git`
//! and `make` trust a file's metadata. Reading twenty thousand small files
//! costs more than everything else a no-op rebuild does.
//!
//! It is a cache, never the truth: the store's bookkeeping says what is
//! built; this only spares reading a file whose size, modification and
//! change times (the change time cannot be set back by a user) and inode
//! are those it had when it was hashed. A hash taken less than a second
//! after the file last changed is not trusted, since a change within the
//! same clock tick would leave the times as they were: it is kept unsettled
//! (written with a leading `~`), so that the next build reads the file
//! again but knows whether what it reads is new. A missing or damaged cache
//! means every file is read.

use rustc_hash::FxHashMap;
use std::ffi::OsString;
use std::fs::Metadata;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The file of the store directory that holds the cache.
pub const FILE_HASHES_FILE: &str = "tupu-file-hashes.tsv";

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of a file's metadata (`None` where the platform does not
    /// give change times and inodes).
    pub fn of(metadata: &Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let nanos = |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
            Some(Self {
                size: metadata.size(),
                modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
                changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
                inode: metadata.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }

    /// Whether the file changed less than a second before `now` (in
    /// nanoseconds since the epoch).
    fn is_recent(&self, now: i128) -> bool {
        self.modified.max(self.changed) > now - 1_000_000_000
    }
}

/// Content hashes by path and stamp.
#[derive(Debug, Default)]
pub struct FileHashes {
    /// By the path's bytes, with rustc's hash: hashing and ordering a
    /// `Path` goes component by component, and the default hash is slow
    /// for what twenty thousand paths need.
    entries: FxHashMap<OsString, Entry>,
    /// The entries differ from the file they were loaded from (or there
    /// was none), so that a build that changed nothing writes nothing:
    /// rewriting a line per file costs a one-day build a tenth of its time.
    changed: bool,
}

/// A file's stamp and hash, whether the stamp can be trusted to stand
/// for the hash, and whether the last update found the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    stamp: Stamp,
    hash: String,
    /// False when the hash was taken within a second of the file's last
    /// change: the hash says what the file held, not what it holds.
    settled: bool,
    found: bool,
}

impl FileHashes {
    /// The cache of the store directory `dir`; empty when there is none or
    /// it cannot be read.
    pub fn load(dir: &Path) -> Self {
        let Ok(bytes) = std::fs::read(dir.join(FILE_HASHES_FILE)) else { return Self::default() };
        let mut entries = FxHashMap::default();
        entries.reserve(bytes.len() / 150);
        let mut damaged = false;
        for line in bytes.split(|b| *b == b'\n').filter(|line| !line.is_empty()) {
            match parse_line(line) {
                Some((path, entry)) => {
                    damaged |= entries.insert(path, entry).is_some();
                }
                None => damaged = true,
            }
        }
        Self { entries, changed: damaged }
    }

    /// The hash of `path` if its stamp is the one it was hashed with, and
    /// settled.
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&str> {
        self.entries
            .get(path.as_os_str())
            .filter(|entry| entry.settled && entry.stamp == stamp)
            .map(|entry| entry.hash.as_str())
    }

    /// The hash `path` had when it was last hashed, whatever its stamp now
    /// and settled or not: whether a file read again holds what it held.
    pub fn last_hash(&self, path: &Path) -> Option<&str> {
        self.entries.get(path.as_os_str()).map(|entry| entry.hash.as_str())
    }

    /// Whether `path` was hashed before (whatever its stamp now).
    pub fn knows(&self, path: &Path) -> bool {
        self.entries.contains_key(path.as_os_str())
    }

    /// Replaces what is known under `roots` by `files` (path, stamp, hash),
    /// keeping those whose file changed too close to `scanned` (when the
    /// scan began) unsettled.
    pub fn update(
        &mut self,
        roots: &[PathBuf],
        files: impl IntoIterator<Item = (PathBuf, Stamp, String)>,
        scanned: SystemTime,
    ) {
        let now = scanned.duration_since(SystemTime::UNIX_EPOCH).unwrap_or(Duration::ZERO).as_nanos() as i128;
        for entry in self.entries.values_mut() {
            entry.found = false;
        }
        for (path, stamp, hash) in files {
            let entry = Entry { stamp, hash, settled: !stamp.is_recent(now), found: true };
            match self.entries.get_mut(path.as_os_str()) {
                Some(known)
                    if known.stamp == entry.stamp && known.hash == entry.hash && known.settled == entry.settled =>
                {
                    known.found = true;
                }
                Some(known) => {
                    *known = entry;
                    self.changed = true;
                }
                None => {
                    self.entries.insert(path.into_os_string(), entry);
                    self.changed = true;
                }
            }
        }
        // What lies under the roots and was not found is gone.
        let before = self.entries.len();
        self.entries.retain(|path, entry| entry.found || !roots.iter().any(|root| Path::new(path).starts_with(root)));
        self.changed |= self.entries.len() != before;
    }

    /// Whether the entries differ from those last loaded or saved.
    pub fn is_changed(&self) -> bool {
        self.changed
    }

    /// Writes the cache into the store directory `dir`, replacing the
    /// previous one whole (a new file renamed over it), unless it is the
    /// one loaded from or last saved there.
    pub fn save(&mut self, dir: &Path) -> std::io::Result<()> {
        if !self.changed && dir.join(FILE_HASHES_FILE).is_file() {
            return Ok(());
        }
        let mut text = Vec::with_capacity(self.entries.len() * 160);
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (path, Entry { stamp, hash, settled, .. }) in entries {
            // Paths that are not UTF-8 or would break a line are not kept.
            let Some(path) = path.to_str().filter(|p| !p.contains(['\n', '\t'])) else { continue };
            let mark = if *settled { "" } else { UNSETTLED };
            writeln!(
                text,
                "{mark}{hash}\t{}\t{}\t{}\t{}\t{path}",
                stamp.size, stamp.modified, stamp.changed, stamp.inode
            )?;
        }
        let partial = dir.join(format!("{FILE_HASHES_FILE}.partial"));
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, dir.join(FILE_HASHES_FILE))?;
        self.changed = false;
        Ok(())
    }

    /// The number of files known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What marks an unsettled hash in the cache file.
const UNSETTLED: &str = "~";

/// `hash size modified changed inode path`, tab-separated; the hash marked
/// with [`UNSETTLED`] when it is.
fn parse_line(line: &[u8]) -> Option<(OsString, Entry)> {
    let mut fields = line.splitn(6, |b| *b == b'\t');
    let mut text = || std::str::from_utf8(fields.next()?).ok();
    let marked = text()?;
    let settled = !marked.starts_with(UNSETTLED);
    let hash = marked.strip_prefix(UNSETTLED).unwrap_or(marked).to_owned();
    let size = text()?.parse().ok()?;
    let modified = text()?.parse().ok()?;
    let changed = text()?.parse().ok()?;
    let inode = text()?.parse().ok()?;
    let path = fields.next().filter(|p| !p.is_empty())?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let path = OsString::from(std::str::from_utf8(path).ok()?);
    Some((path, Entry { stamp: Stamp { size, modified, changed, inode }, hash, settled, found: false }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap()).unwrap()
    }

    #[test]
    fn a_file_unchanged_on_disk_keeps_its_hash_and_a_changed_one_loses_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "甲").unwrap();
        let stamp = stamp_of(&file);
        let later = SystemTime::now() + Duration::from_secs(5);
        let mut cache = FileHashes::default();
        cache.update(&[dir.path().to_owned()], [(file.clone(), stamp, "f".repeat(64))], later);
        assert!(cache.is_changed());
        cache.save(dir.path()).unwrap();
        assert!(!cache.is_changed());

        let cache = FileHashes::load(dir.path());
        assert_eq!(cache.get(&file, stamp), Some("f".repeat(64).as_str()));
        std::fs::write(&file, "乙").unwrap();
        assert_eq!(cache.get(&file, stamp_of(&file)), None, "rewritten: new change time");
    }

    #[test]
    fn hashes_taken_right_after_a_change_are_kept_unsettled() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "甲").unwrap();
        let stamp = stamp_of(&file);
        let hash = "f".repeat(64);
        let mut cache = FileHashes::default();
        cache.update(&[dir.path().to_owned()], [(file.clone(), stamp, hash.clone())], SystemTime::now());
        cache.save(dir.path()).unwrap();

        let mut cache = FileHashes::load(dir.path());
        assert_eq!(cache.get(&file, stamp), None, "not trusted: the file is read again");
        assert_eq!(cache.last_hash(&file), Some(hash.as_str()), "but what it held is known");
        let later = SystemTime::now() + Duration::from_secs(5);
        cache.update(&[dir.path().to_owned()], [(file.clone(), stamp, hash.clone())], later);
        assert!(cache.is_changed(), "settled now");
        assert_eq!(cache.get(&file, stamp), Some(hash.as_str()));
    }

    #[test]
    fn an_update_replaces_only_what_lies_under_its_roots() {
        let stamp = Stamp { size: 1, modified: 0, changed: 0, inode: 1 };
        let far = SystemTime::now();
        let mut cache = FileHashes::default();
        let hash = "a".repeat(64);
        cache.update(
            &[PathBuf::from("/")],
            [(PathBuf::from("/x/1.md"), stamp, hash.clone()), (PathBuf::from("/y/2.md"), stamp, hash.clone())],
            far,
        );
        cache.update(&[PathBuf::from("/x")], [], far);
        assert_eq!(cache.len(), 1);
        assert!(cache.get(Path::new("/y/2.md"), stamp).is_some());
    }

    #[test]
    fn a_damaged_cache_is_ignored_line_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = format!("{}\t1\t2\t3\t4\t/a.md\n", "b".repeat(64));
        std::fs::write(dir.path().join(FILE_HASHES_FILE), format!("garbage\n{good}x\ty\n\t\t\n")).unwrap();
        let cache = FileHashes::load(dir.path());
        assert_eq!(cache.len(), 1);
        let stamp = Stamp { size: 1, modified: 2, changed: 3, inode: 4 };
        assert!(cache.get(Path::new("/a.md"), stamp).is_some());
    }

    #[test]
    fn a_cache_that_did_not_change_is_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let stamp = Stamp { size: 1, modified: 0, changed: 0, inode: 1 };
        let root = PathBuf::from("/x");
        let files =
            || [(PathBuf::from("/x/1.md"), stamp, "a".repeat(64)), (PathBuf::from("/x/2.md"), stamp, "b".repeat(64))];
        let mut cache = FileHashes::default();
        cache.update(std::slice::from_ref(&root), files(), SystemTime::now());
        cache.save(dir.path()).unwrap();

        let mut again = FileHashes::load(dir.path());
        again.update(std::slice::from_ref(&root), files(), SystemTime::now());
        assert!(!again.is_changed(), "the same files with the same stamps");
        // A stand-in for the file shows whether it is written again.
        std::fs::write(dir.path().join(FILE_HASHES_FILE), "kept as it is").unwrap();
        again.save(dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join(FILE_HASHES_FILE)).unwrap(), "kept as it is");

        let mut one_gone = FileHashes::load(dir.path());
        one_gone.update(std::slice::from_ref(&root), files(), SystemTime::now());
        assert!(one_gone.is_changed(), "a damaged file is written anew");
        let mut cache = FileHashes::default();
        cache.update(std::slice::from_ref(&root), files(), SystemTime::now());
        cache.save(dir.path()).unwrap();
        let mut cache = FileHashes::load(dir.path());
        cache.update(std::slice::from_ref(&root), files().into_iter().take(1), SystemTime::now());
        assert!(cache.is_changed(), "a file gone");
        let mut cache = FileHashes::load(dir.path());
        let moved = Stamp { inode: 2, ..stamp };
        cache.update(
            &[root],
            [(PathBuf::from("/x/1.md"), moved, "a".repeat(64)), files()[1].clone()],
            SystemTime::now(),
        );
        assert!(cache.is_changed(), "a new stamp");
    }
}
