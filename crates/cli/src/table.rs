//! SELECT results as a table for people: columns aligned by display width
//! (a Chinese character takes two columns), IRIs shortened with the
//! vocabulary's prefixes, literals shown as their plain text.

use oxigraph::model::Term;
use oxigraph::sparql::Variable;
use unicode_width::UnicodeWidthStr;

/// The table: a header of variable names, a rule, one line per row.
pub fn render(variables: &[Variable], rows: &[Vec<Option<Term>>]) -> String {
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let cells: Vec<Vec<String>> =
        rows.iter().map(|row| row.iter().map(|t| t.as_ref().map(cell).unwrap_or_default()).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    line(&mut out, &header, &widths);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &rule, &widths);
    for row in &cells {
        line(&mut out, row, &widths);
    }
    out
}

/// One line, cells padded to their column's width, no trailing blanks.
fn line(out: &mut String, cells: &[String], widths: &[usize]) {
    let mut text = String::new();
    for (cell, width) in cells.iter().zip(widths) {
        text.push_str(cell);
        text.push_str(&" ".repeat(width - cell.width() + 2));
    }
    out.push_str(text.trim_end_matches(' '));
    out.push('\n');
}

/// How a term is shown: `tp:Company`, `tpid:创坝`, `2000亿元`, `_:b0`.
fn cell(term: &Term) -> String {
    let text = match term {
        Term::NamedNode(node) => tupu_graph::abbreviate(node.as_str()),
        Term::BlankNode(node) => node.to_string(),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn chinese_text_is_aligned_by_display_width() {
        let variables = [Variable::new_unchecked("company"), Variable::new_unchecked("n")];
        let rows = vec![
            vec![Some(Term::from(Literal::new_language_tagged_literal_unchecked("宝德数坝", "zh"))), None],
            vec![
                Some(Term::from(NamedNode::new_unchecked("https://w3id.org/tupu/id/创坝"))),
                Some(Term::from(Literal::from(3))),
            ],
        ];
        let table = render(&variables, &rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "company    n");
        assert_eq!(lines[1], "---------  -");
        assert_eq!(lines[2], "宝德数坝");
        assert_eq!(lines[3], "tpid:创坝  3");
    }
}
