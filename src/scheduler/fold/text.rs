//! The texts of a scan's notices: a notice named on its own, and one recipient's digest.

use super::render::{self, CaseText};
use super::{Digest, Frame, Message, Notice};
use crate::domain::NoticeKind as Kind;
use crate::i18n::{Args, tr};
use crate::store::outbox::Recipient;

/// An individually named notice in `locale`.
pub(super) fn message(locale: &str, to: Recipient, n: &Notice, frame: &Frame<'_>) -> String {
    let (today, cal) = (frame.today, frame.calendar);
    let enterprise = render::enterprise_for(locale, to, &n.case.enterprise);
    let case = CaseText {
        enterprise: &enterprise,
        ..n.case.text()
    };
    match &n.message {
        Message::Case { key, days, colour } => {
            render::case_message(locale, key, case, *days, *colour, today, cal)
        }
        Message::Confirm { resolved, days } => tr(
            locale,
            "sched-confirm",
            Args::new()
                .html("case", render::case_block(locale, case, today, cal))
                .str("resolved", render::date(*resolved))
                .num("days", *days as f64),
        ),
        Message::Milestone { key, steps } => {
            let lines: Vec<String> = steps
                .iter()
                .map(|(title, due_on)| {
                    tr(
                        locale,
                        "sched-milestone-step",
                        Args::new()
                            .str("title", title)
                            .str("due", render::date(*due_on))
                            .html("left", render::days_left(locale, *due_on, today, cal)),
                    )
                })
                .collect();
            tr(
                locale,
                key,
                Args::new()
                    .str("number", &n.case.number)
                    .str(
                        "enterprise",
                        render::enterprise_for(locale, to, &n.case.enterprise),
                    )
                    .html("steps", lines.join("\n")),
            )
        }
    }
}

/// A kind's name in a digest.
fn kind_label(locale: &str, kind: Kind) -> String {
    crate::i18n::t(locale, &format!("sched-digest-kind-{}", kind.code()))
}

/// One recipient's digest in `locale`: the counts by kind, then the worst cases.
pub(super) fn digest(locale: &str, to: Recipient, d: &Digest, frame: &Frame<'_>) -> String {
    let (today, cal) = (frame.today, frame.calendar);
    let counts: Vec<String> = d
        .counts
        .iter()
        .map(|(kind, n)| {
            tr(
                locale,
                "sched-digest-count",
                Args::new()
                    .str("kind", kind_label(locale, *kind))
                    .num("count", f64::from(*n)),
            )
        })
        .collect();
    let mut lines: Vec<String> = d
        .worst
        .iter()
        .map(|n| {
            let left = match n.case.deadline {
                Some(deadline) => render::days_left(locale, deadline, today, cal),
                None => crate::i18n::t(locale, "sched-no-deadline"),
            };
            tr(
                locale,
                "sched-digest-line",
                Args::new()
                    .str("kind", kind_label(locale, n.kind))
                    .str("number", &n.case.number)
                    .str(
                        "enterprise",
                        render::enterprise_for(locale, to, &n.case.enterprise),
                    )
                    .str(
                        "department",
                        n.case
                            .department
                            .clone()
                            .unwrap_or_else(|| crate::i18n::t(locale, "sched-undispatched")),
                    )
                    .html("left", left),
            )
        })
        .collect();
    let total = d.total() as usize;
    if total > lines.len() {
        lines.push(tr(
            locale,
            "sched-more",
            Args::new().num("count", (total - lines.len()) as f64),
        ));
    }
    tr(
        locale,
        "sched-digest",
        Args::new()
            .num("count", total as f64)
            .html("counts", counts.join("\n"))
            .html("list", lines.join("\n")),
    )
}
