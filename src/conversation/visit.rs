//! 走访: a cadre logs a visit to one of their enterprises, with an optional note, or the zero
//! report (零报告) when all is well, dated today or up to a week back (never in the future):
//! a cadre who logs Monday's visit on Tuesday records Monday.
//!
//! ```text
//! 王建国:  /visit
//! bot:     走访哪家企业？  [秦岭猕猴桃合作社] [周至县宏达机械厂]
//! 王建国:  (presses 秦岭猕猴桃合作社)
//! bot:     走访情况？  [零报告（无问题）] [写走访记录] [只记录走访]
//! 王建国:  (presses 零报告（无问题）)
//! bot:     走访是哪天？也可以直接输入日期（如 11月25日）。  [今天] [昨天] [更早…]
//! 王建国:  (presses 昨天)
//! bot:     已记录 2026-11-26 对秦岭猕猴桃合作社的走访（零报告）。
//! 王建国:  /visit → … → 12月5日
//! bot:     走访日期只能是 2026-11-20 至 2026-11-27 之间（今天或之前 7 天内），请重新输入或点按钮。
//! 王建国:  /visit 前天
//! bot:     走访哪家企业？ … 对秦岭猕猴桃合作社 2026-11-25 的走访情况？ …   (the day is not asked)
//! ```

use chrono::NaiveDate;

use super::day_pick;
use super::engine::EngineError;
use super::parse;
use super::state::{Pending, Press, State, VisitKind, VisitOp};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::enterprises::{self, EnterpriseRow};
use crate::store::visits::{self, NewVisit};

/// How many days back a visit may be dated.
pub(crate) const DAYS_BACK: u64 = 7;

/// `/visit`: pick the enterprise (skipped with one), then how it went, then the day — unless
/// the day follows the command (`/visit 昨天`, `/visit 11月25日`): then it is not asked.
pub(crate) async fn visit(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let day = if text::is_blank(args) {
        None
    } else {
        let Some(date) = parse::past_date(args, turn.today()) else {
            turn.say_args(
                "menus-visit-command-date-unknown",
                Args::new().str("text", text::excerpt(args.trim(), 40)),
            );
            return Ok(());
        };
        let refused = (
            "menus-visit-command-date-future",
            "menus-visit-date-too-old",
        );
        if !day_pick::within(turn, date, DAYS_BACK, refused) {
            return Ok(());
        }
        Some(date)
    };
    let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
    match mine.as_slice() {
        [] => {
            turn.say("bot-no-enterprises");
            Ok(())
        }
        [only] => visit_menu(turn, only, false, day).await,
        many => {
            let op = day.map_or(VisitOp::Pick, |date| VisitOp::PickOn { date });
            let rows: Vec<Vec<ButtonSpec>> = many
                .iter()
                .map(|e| {
                    let press = Press::Visit {
                        enterprise_id: e.id,
                        op,
                    };
                    vec![(e.name.clone(), press)]
                })
                .collect();
            let buttons = turn.buttons(rows).await?;
            let text = turn.t("bot-visit-pick");
            turn.push(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
    }
}

/// How the visit went; with its day known, each answer records it on that day.
async fn visit_menu(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    replace: bool,
    day: Option<NaiveDate>,
) -> Result<(), EngineError> {
    let press = |kind, undated| Press::Visit {
        enterprise_id: enterprise.id,
        op: match day {
            Some(date) => VisitOp::On { kind, date },
            None => undated,
        },
    };
    let rows = vec![
        vec![(
            turn.t("bot-visit-zero-report"),
            press(VisitKind::ZeroReport, VisitOp::ZeroReport),
        )],
        vec![
            (
                turn.t("bot-visit-with-note"),
                press(VisitKind::WithNote, VisitOp::WithNote),
            ),
            (
                turn.t("bot-visit-without-note"),
                press(VisitKind::WithoutNote, VisitOp::WithoutNote),
            ),
        ],
    ];
    let text = match day {
        Some(date) => turn.tr(
            "bot-visit-how-on",
            Args::new()
                .str("enterprise", &enterprise.name)
                .str("date", text::ymd(date)),
        ),
        None => turn.tr(
            "bot-visit-how",
            Args::new().str("enterprise", &enterprise.name),
        ),
    };
    turn.show(text, rows, replace).await
}

/// The cadre's own enterprise, or `None` (told) for anything else.
async fn own_enterprise(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
) -> Result<Option<EnterpriseRow>, EngineError> {
    let found = enterprises::by_id(turn.conn, enterprise_id)
        .await?
        .filter(|e| e.cadre_id == Some(turn.person.id))
        .filter(|_| turn.person.roles.has(crate::domain::Role::Cadre));
    if found.is_none() {
        let text = turn.t("bot-not-for-role");
        turn.notice(text);
    }
    Ok(found)
}

pub(crate) async fn visit_press(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    op: VisitOp,
) -> Result<(), EngineError> {
    let Some(enterprise) = own_enterprise(turn, enterprise_id).await? else {
        return Ok(());
    };
    match op {
        VisitOp::Pick => visit_menu(turn, &enterprise, true, None).await,
        VisitOp::PickOn { date } => visit_menu(turn, &enterprise, true, Some(date)).await,
        VisitOp::ZeroReport => ask_date(turn, &enterprise, VisitKind::ZeroReport).await,
        VisitOp::WithNote => ask_date(turn, &enterprise, VisitKind::WithNote).await,
        VisitOp::WithoutNote => ask_date(turn, &enterprise, VisitKind::WithoutNote).await,
        VisitOp::PickDate { kind } => pick_date(turn, &enterprise, kind).await,
        VisitOp::On { kind, date } => dated(turn, &enterprise, kind, date).await,
    }
}

/// Which day was it? Today, yesterday, or earlier (buttons), or typed.
async fn ask_date(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    kind: VisitKind,
) -> Result<(), EngineError> {
    let today = turn.today();
    let press = |op| Press::Visit {
        enterprise_id: enterprise.id,
        op,
    };
    let mut row = vec![(
        turn.t("menus-visit-today"),
        press(VisitOp::On { kind, date: today }),
    )];
    if let Some(yesterday) = today.pred_opt() {
        row.push((
            turn.t("menus-visit-yesterday"),
            press(VisitOp::On {
                kind,
                date: yesterday,
            }),
        ));
    }
    row.push((
        turn.t("menus-visit-earlier"),
        press(VisitOp::PickDate { kind }),
    ));
    let text = turn.tr(
        "menus-visit-when",
        Args::new().str("enterprise", &enterprise.name),
    );
    turn.state = State::Awaiting {
        pending: Pending::VisitDate {
            enterprise_id: enterprise.id,
            kind,
        },
    };
    turn.show(text, vec![row], true).await
}

/// A button for each of the last week's days before today.
async fn pick_date(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    kind: VisitKind,
) -> Result<(), EngineError> {
    let dates = day_pick::last_days(turn, DAYS_BACK, false);
    let days = day_pick::day_buttons(turn, dates, false, |date| Press::Visit {
        enterprise_id: enterprise.id,
        op: VisitOp::On { kind, date },
    });
    let rows: Vec<Vec<ButtonSpec>> = days.chunks(4).map(<[ButtonSpec]>::to_vec).collect();
    let text = turn.tr(
        "menus-visit-when",
        Args::new().str("enterprise", &enterprise.name),
    );
    turn.show(text, rows, true).await
}

/// The day the cadre typed while the bot asked for it.
pub(crate) async fn typed_date(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    kind: VisitKind,
    raw: &str,
) -> Result<(), EngineError> {
    let today = turn.today();
    let Some(date) = parse::past_date(raw, today) else {
        turn.say_args(
            "menus-visit-date-unknown",
            Args::new().str("text", text::excerpt(raw.trim(), 40)),
        );
        return Ok(());
    };
    let Some(enterprise) = own_enterprise(turn, enterprise_id).await? else {
        turn.state = State::Idle;
        return Ok(());
    };
    dated(turn, &enterprise, kind, date).await
}

/// The visit's day is known: checked against the window, then recorded or its note asked for.
async fn dated(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    kind: VisitKind,
    date: NaiveDate,
) -> Result<(), EngineError> {
    let refused = ("menus-visit-date-future", "menus-visit-date-too-old");
    if !day_pick::within(turn, date, DAYS_BACK, refused) {
        // The bot keeps waiting for a day (a button from another week leaves it waiting too).
        turn.state = State::Awaiting {
            pending: Pending::VisitDate {
                enterprise_id: enterprise.id,
                kind,
            },
        };
        return Ok(());
    }
    match kind {
        VisitKind::WithNote => {
            turn.state = State::Awaiting {
                pending: Pending::VisitNote {
                    enterprise_id: enterprise.id,
                    visited_on: Some(date),
                },
            };
            turn.say_args(
                "bot-ask-visit-note",
                Args::new()
                    .str("enterprise", &enterprise.name)
                    .num("limit", text::MAX_TEXT_CHARS as f64),
            );
            Ok(())
        }
        VisitKind::ZeroReport => record(turn, enterprise, None, true, date).await,
        VisitKind::WithoutNote => record(turn, enterprise, None, false, date).await,
    }
}

pub(crate) async fn visit_note(
    turn: &mut Turn<'_>,
    enterprise_id: i64,
    visited_on: Option<NaiveDate>,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let Some(enterprise) = own_enterprise(turn, enterprise_id).await? else {
        return Ok(());
    };
    let date = visited_on.unwrap_or_else(|| turn.today());
    record(turn, &enterprise, Some(note), false, date).await
}

async fn record(
    turn: &mut Turn<'_>,
    enterprise: &EnterpriseRow,
    note: Option<String>,
    no_problems: bool,
    visited_on: NaiveDate,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let visit = NewVisit {
        enterprise_id: enterprise.id,
        cadre_id: turn.person.id,
        visited_on,
        note,
        no_problems,
    };
    visits::record(turn.conn, &visit, turn.now).await?;
    let today = visited_on == turn.today();
    let key = match (no_problems, today) {
        (true, true) => "bot-visit-recorded-zero",
        (false, true) => "bot-visit-recorded",
        (true, false) => "menus-visit-recorded-zero-on",
        (false, false) => "menus-visit-recorded-on",
    };
    let text = turn.tr(
        key,
        Args::new()
            .str("enterprise", &enterprise.name)
            .str("date", text::ymd(visited_on)),
    );
    turn.push_menu(Reply::text(text));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_may_be_dated_a_week_back_and_no_later_than_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (from, to) = crate::domain::service_mode::recent_window(today, DAYS_BACK);
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        assert_eq!(to, today);
    }
}
