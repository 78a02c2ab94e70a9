//! `tupu status`: what the store holds, and what `tupu build PATH…` would
//! do now — the same scan and plan as a build, without extracting or
//! writing anything.

use crate::build::Scan;
use crate::cli::{Cli, StatusArgs};
use crate::{Outcome, open_existing_store};
use anyhow::Context;
use std::fmt::Write as _;
use std::io::Write as _;
use tupu_graph::file_hashes::FileHashes;
use tupu_graph::store::ontology_hash;
use tupu_graph::sync::{Reason, rules_fingerprint};
use tupu_graph::{GraphStore, LastBuild, StoreStats, StoredArticle};
use tupu_ingest::Pipeline;

/// Runs `tupu status`.
pub fn run(cli: &Cli, args: &StatusArgs) -> anyhow::Result<Outcome> {
    let ontology = cli.ontology_dir();
    let rules = match rules_fingerprint(&ontology) {
        Ok(rules) => rules,
        // Loading the pipeline says what is wrong with the ontology.
        Err(_) => Pipeline::load(&ontology)
            .with_context(|| format!("loading the ontology in {}", ontology.display()))?
            .fingerprint()
            .to_owned(),
    };
    let rules = rules.as_str();
    let (scan, opened) = rayon::join(
        || Scan::of(&args.paths, || FileHashes::load(&cli.store), &|| {}),
        || -> anyhow::Result<_> {
            if !cli.store.is_dir() {
                return Ok((None, Vec::new()));
            }
            let store = open_existing_store(&cli.store)?;
            let stored = store.articles_expecting(rules).context("reading the store's articles")?;
            Ok((Some(store), stored))
        },
    );
    let (store, stored) = opened?;

    let mut out = String::new();
    let shown = std::path::absolute(&cli.store).unwrap_or_else(|_| cli.store.clone());
    match &store {
        Some(store) => {
            writeln!(out, "store       {}", shown.display())?;
            describe_store(&mut out, store, &stored, rules, &ontology.join("tupu.ttl"))?;
        }
        None => writeln!(out, "store       {} (none yet: `tupu build` creates it)", shown.display())?,
    }

    if !args.paths.is_empty() {
        let plan = scan.plan(&stored, rules, !args.no_prune);
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            out,
            "build of {}: {} new, {} changed, {} stale, {} moved, {} deleted, {} unchanged",
            paths.join(" "),
            plan.count(Reason::New),
            plan.count(Reason::Changed),
            plan.count(Reason::Stale),
            plan.moves.len(),
            plan.removals.len(),
            plan.unchanged
        )?;
        if !plan.kept.is_empty() {
            writeln!(out, "  {} article(s) whose files are gone are kept (--no-prune)", plan.kept.len())?;
        }
        if plan.stale_elsewhere > 0 {
            writeln!(out, "  {} stale article(s) lie outside these paths", plan.stale_elsewhere)?;
        }
        if !plan.duplicates.is_empty() {
            writeln!(out, "  {} file(s) hold the same text as another file", plan.duplicates.len())?;
        }
        if args.list {
            for job in &plan.extract {
                let reason = match job.reason {
                    Reason::New => "new",
                    Reason::Changed => "changed",
                    Reason::Stale => "stale",
                };
                writeln!(out, "{reason:<10} {}", job.path.display())?;
            }
            for moved in &plan.moves {
                writeln!(out, "{:<10} {} -> {}", "moved", moved.from, moved.to.display())?;
            }
            for removal in &plan.removals {
                writeln!(out, "{:<10} {}", "deleted", removal.article.source)?;
            }
            for kept in &plan.kept {
                writeln!(out, "{:<10} {}", "kept", kept.source)?;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    for error in &scan.errors {
        eprintln!("error: {error}");
    }
    Ok(if scan.errors.is_empty() { Outcome::Ok } else { Outcome::SomeFailed })
}

/// The counts, the last build, and whether rules and ontology changed.
fn describe_store(
    out: &mut String,
    store: &GraphStore,
    stored: &[StoredArticle],
    rules: &str,
    ttl: &std::path::Path,
) -> anyhow::Result<()> {
    let stats = StoreStats::of(store)?;
    writeln!(out, "articles    {}", stats.articles)?;
    writeln!(out, "entities    {}", stats.entities)?;
    let kinds: Vec<String> = stats.facts.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    if kinds.is_empty() {
        writeln!(out, "facts       0")?;
    } else {
        writeln!(out, "facts       {} ({})", stats.fact_count(), kinds.join(", "))?;
    }
    match LastBuild::load(store.path()) {
        Some(last) => writeln!(
            out,
            "last build  {}, {:.1}s: {} written, {} deleted, {} failed",
            utc(last.finished),
            last.seconds,
            last.written,
            last.deleted,
            last.failed
        )?,
        None => writeln!(out, "last build  unknown")?,
    }
    let stale = stored.iter().filter(|a| a.rules_fingerprint.as_deref() != Some(rules)).count();
    if stale == 0 {
        writeln!(out, "rules       up to date")?;
    } else {
        writeln!(
            out,
            "rules       changed: {stale} article(s) were extracted with other rules or lexicon (stale); `tupu build` extracts them again"
        )?;
    }
    let loaded = store.build_record()?.ontology_hash;
    let ontology = match std::fs::read(ttl) {
        Err(_) => format!("{} not found", ttl.display()),
        Ok(bytes) if loaded.as_deref() == Some(ontology_hash(&bytes).as_str()) => "up to date".to_owned(),
        Ok(_) if loaded.is_none() => "not loaded; `tupu build` loads it".to_owned(),
        Ok(_) => format!("changed: `tupu build` reloads {}", ttl.display()),
    };
    writeln!(out, "ontology    {ontology}")?;
    Ok(())
}

/// `2026-11-22 19:00:05 UTC` for seconds since the epoch.
fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let (hour, minute, second) = (seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
    let (year, month, day) = civil_date(days);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC")
}

/// The proleptic Gregorian date `days` after 1970-01-01, counting in
/// 400-year eras of 146 097 days whose years start on 1 March.
fn civil_date(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468; // days from 0000-03-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_as_utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_709_251_199), "2024-02-29 23:59:59 UTC");
        assert_eq!(utc(1_798_761_600), "2027-01-01 00:00:00 UTC");
    }
}
