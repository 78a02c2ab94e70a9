//! `tupu eval`: the store scored against a gold file, by kind and by rule.

use crate::cli::{Cli, EvalArgs};
use crate::{Outcome, open_existing_store};
use std::io::Write;
use tupu_graph::eval::{evaluate, prf};

/// Prints the scorer's table (the same lines as `gold/score.py`), then the
/// facts of each rule that matched gold and that did not.
pub fn run(cli: &Cli, args: &EvalArgs) -> anyhow::Result<Outcome> {
    let store = open_existing_store(&cli.store)?;
    let report = evaluate(&store, &args.gold)?;
    let mut out = std::io::stdout().lock();
    for (kind, score) in &report.kinds {
        let (p, r, f) = score.prf();
        writeln!(
            out,
            "{kind:7} gold={:4} system={:4} correct={:4}  P={p:.3} R={r:.3} F1={f:.3}",
            score.gold, score.system, score.correct
        )?;
        if args.show_errors {
            for m in &score.missed {
                writeln!(out, "    missed  {m}")?;
            }
            for w in &score.wrong {
                writeln!(out, "    wrong   {w}")?;
            }
        }
    }
    let (correct, system, gold) = report.totals();
    let (p, r, f) = prf(correct, system, gold);
    writeln!(out, "all     gold={gold:4} system={system:4} correct={correct:4}  P={p:.3} R={r:.3} F1={f:.3}")?;
    writeln!(out, "\nby rule                                  correct  wrong  precision")?;
    for (rule, score) in &report.rules {
        let precision = score.correct as f64 / (score.correct + score.wrong).max(1) as f64;
        let pad = " ".repeat(38usize.saturating_sub(unicode_width::UnicodeWidthStr::width(rule.as_str())));
        writeln!(out, "  {rule}{pad} {:7} {:6}  {precision:.2}", score.correct, score.wrong)?;
    }
    Ok(Outcome::Ok)
}
