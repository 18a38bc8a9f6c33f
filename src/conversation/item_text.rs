//! How an approval item (审批事项) reads in chat: one line in a list, and the whole of it — what
//! it needs, its time limits, its steps and who handles each (the one-time notice, 一次性告知).
//! Shared by `/items` and the card's linking of a case to an item.

use super::text;
use crate::i18n::{Args, t, tr};
use crate::store::approval::{ItemRow, StepRow};

/// Characters of an item's name on a button.
pub(crate) const LABEL: usize = 28;

/// `行政审批` or `社会审批`.
fn kind(locale: &str, item: &ItemRow) -> String {
    t(locale, &format!("items-kind-{}", item.kind))
}

/// Where an item sits: the department, and the section when there is one.
fn place(item: &ItemRow) -> String {
    match &item.section_name {
        Some(s) => format!("{} {s}", item.department_name),
        None => item.department_name.clone(),
    }
}

/// One line of a list: `n. name (code) · department section · promised (statutory) days`.
pub(crate) fn line(locale: &str, n: usize, item: &ItemRow) -> String {
    tr(
        locale,
        "items-line",
        Args::new()
            .num("n", n as f64)
            .str("name", &item.name)
            .str("code", &item.code)
            .str("place", place(item))
            .num("promised", f64::from(item.promised_days))
            .num("statutory", f64::from(item.statutory_days)),
    )
}

/// The whole item, with its steps.
pub(crate) fn detail(locale: &str, item: &ItemRow, steps: &[StepRow]) -> String {
    let mut lines = vec![tr(
        locale,
        "items-detail-title",
        Args::new()
            .str("name", &item.name)
            .str("code", &item.code)
            .str("kind", kind(locale, item))
            .str("place", place(item)),
    )];
    let none = t(locale, "items-none-given");
    lines.push(tr(
        locale,
        "items-detail-basis",
        Args::new().str("basis", item.legal_basis.clone().unwrap_or(none.clone())),
    ));
    lines.push(tr(
        locale,
        "items-detail-materials",
        Args::new().str("materials", item.materials.clone().unwrap_or(none)),
    ));
    lines.push(tr(
        locale,
        "items-detail-limits",
        Args::new()
            .num("promised", f64::from(item.promised_days))
            .num("statutory", f64::from(item.statutory_days)),
    ));
    lines.push(t(locale, "items-detail-steps"));
    for s in steps {
        lines.push(tr(
            locale,
            "items-detail-step",
            Args::new()
                .num("n", f64::from(s.seq))
                .str("step", &s.name)
                .num("days", f64::from(s.days))
                .str("who", who(locale, s)),
        ));
    }
    lines.join("\n")
}

/// Who handles a step: its section and person, with the person's phone.
pub(crate) fn who(locale: &str, s: &StepRow) -> String {
    let mut parts: Vec<String> = vec![];
    if let Some(section) = &s.section_name {
        parts.push(section.clone());
    }
    if let Some(person) = &s.person_name {
        parts.push(match &s.person_phone {
            Some(phone) => format!("{person} {phone}"),
            None => person.clone(),
        });
    }
    if parts.is_empty() {
        t(locale, "items-step-nobody")
    } else {
        parts.join(" ")
    }
}

/// Words of a search kept (the rest are ignored) and characters of each.
const MAX_WORDS: usize = 5;
const MAX_WORD: usize = 40;

/// The words of a search, as typed: split on spaces, each cut to a sensible length.
pub(crate) fn words(args: &str) -> Vec<String> {
    text::clean(args)
        .split_whitespace()
        .take(MAX_WORDS)
        .map(|w| w.chars().take(MAX_WORD).collect())
        .collect()
}
