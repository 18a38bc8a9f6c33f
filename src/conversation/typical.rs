//! 总结推广: typical cases (典型案例). A leader marks a closed case (a button on its card) or a
//! key project (by its unit's code) with a short note; everyone can read the list.
//!
//! ```text
//! leader: [评为典型案例] on a closed case's card
//! bot:    请用一两句话写下 ZZ-2026-0042 的经验做法：
//! leader: 三部门联合现场办公，一周办结
//! bot:    已将 ZZ-2026-0042 评为典型案例。
//! leader: /cases_of_note e121 项目代办员全程帮办，提前开工
//! bot:    已将 物流园项目 评为典型案例。
//! anyone: /cases_of_note
//! bot:    🌟 典型案例 … ZZ-2026-0042 · 秦岭食品（马召镇）：三部门联合现场办公，一周办结
//! ```

use super::engine::EngineError;
use super::parse;
use super::state::{AccountText, Pending, State};
use super::turn::Turn;
use crate::domain::{CaseStatus, Role};
use crate::i18n::Args;
use crate::message::Reply;
use crate::reports::measures as render;
use crate::store::cases;
use crate::store::typical::{self, Target};

/// Typical cases listed by `/cases_of_note`.
const LISTED: i64 = 20;

/// `/cases_of_note`: the list; with arguments, a leader marks a case or a project.
pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let args = args.trim();
    if args.is_empty() {
        return list(turn).await;
    }
    if !turn.person.roles.has(Role::Leader) {
        turn.say("acc-typical-leaders-only");
        return Ok(());
    }
    let (what, note) = args
        .split_once(char::is_whitespace)
        .map_or((args, ""), |(w, n)| (w, n.trim()));
    if note.is_empty() {
        turn.say("acc-typical-usage");
        return Ok(());
    }
    let Some(note) = turn.take_text(note) else {
        return Ok(());
    };
    let year = chrono::Datelike::year(&turn.today());
    if let Some(number) = parse::case_number(what, &turn.engine.settings.case_prefix, year) {
        let Some(case) = cases::by_number(turn.conn, number.as_str()).await? else {
            turn.say("bot-case-not-found");
            return Ok(());
        };
        return mark_case(turn, case.id, &note).await;
    }
    match typical::project_of_unit(turn.conn, what).await? {
        Some((id, name)) => {
            let marked = mark(turn, Target::Project(id), &note).await?;
            done(turn, &name, marked);
            Ok(())
        }
        None => {
            turn.say_args("acc-typical-unknown", Args::new().str("what", what));
            Ok(())
        }
    }
}

async fn list(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let rows = typical::list(turn.conn, None, LISTED).await?;
    if rows.is_empty() {
        turn.say("acc-typical-none");
        return Ok(());
    }
    let mut lines = vec![turn.t("acc-typical-title")];
    lines.extend(rows.iter().map(|r| render::typical_line(turn.locale, r)));
    if turn.person.roles.has(Role::Leader) {
        lines.push(String::new());
        lines.push(turn.t("acc-typical-usage"));
    }
    turn.push(Reply::text(lines.join("\n")));
    Ok(())
}

/// The card's button: the note is asked next (a leader, a closed case).
pub(crate) async fn press(turn: &mut Turn<'_>, case_id: i64) -> Result<(), EngineError> {
    let Some(number) = closed_case(turn, case_id).await? else {
        return Ok(());
    };
    turn.state = State::Awaiting {
        pending: Pending::Account {
            text: AccountText::TypicalNote { case_id },
        },
    };
    turn.say_args("acc-typical-ask", Args::new().str("number", number));
    Ok(())
}

/// The typed note of a case being marked.
pub(crate) async fn note(turn: &mut Turn<'_>, case_id: i64, raw: &str) -> Result<(), EngineError> {
    let Some(note) = turn.take_text(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    mark_case(turn, case_id, &note).await
}

/// The case's number when a leader may mark it (closed); else the person is told why not.
async fn closed_case(turn: &mut Turn<'_>, case_id: i64) -> Result<Option<String>, EngineError> {
    if !turn.person.roles.has(Role::Leader) {
        turn.say("acc-typical-leaders-only");
        return Ok(None);
    }
    let Some(case) = cases::by_id(turn.conn, case_id).await? else {
        turn.say("bot-case-not-found");
        return Ok(None);
    };
    if case.status() != CaseStatus::Closed {
        turn.say_args(
            "acc-typical-not-closed",
            Args::new().str("number", &case.number),
        );
        return Ok(None);
    }
    Ok(Some(case.number))
}

async fn mark_case(turn: &mut Turn<'_>, case_id: i64, note: &str) -> Result<(), EngineError> {
    let Some(number) = closed_case(turn, case_id).await? else {
        return Ok(());
    };
    let marked = mark(turn, Target::Case(case_id), note).await?;
    done(turn, &number, marked);
    Ok(())
}

async fn mark(turn: &mut Turn<'_>, target: Target, note: &str) -> Result<bool, EngineError> {
    let (by, now) = (turn.person.id, turn.now);
    Ok(typical::mark(turn.conn, target, note, Some(by), false, now).await?)
}

fn done(turn: &mut Turn<'_>, what: &str, marked: bool) {
    let key = if marked {
        "acc-typical-marked"
    } else {
        "acc-typical-already"
    };
    turn.say_args(key, Args::new().str("what", what));
}
