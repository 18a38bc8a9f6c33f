//! Linking a case to an approval item (审批事项), from the card or the dispatch proposal: the
//! campaign office, or the department holding the case, picks the item — among those the
//! report's words point to and the department's own, or by typing words to search. The item's
//! steps become the case's roadmap (路线图), each due its time limit in working days after the
//! one before, counted from today; the item's section becomes the case's section. Linked before
//! dispatch, the dispatch proposal comes again, routed by the item (its department, the officer
//! of its first step, its promised time limit).
//!
//! ```text
//! 李科长:  (presses 📋 审批事项 on the card of ZZ-2026-0003)
//! bot:     为 ZZ-2026-0003 选择审批事项（按问题描述推荐在前）：
//!          [📋 建设工程规划许可证核发] [📋 建设用地规划许可证核发] [🔎 输入关键词查找]
//! 李科长:  (presses 📋 建设工程规划许可证核发)
//! bot:     ZZ-2026-0003 已关联审批事项“建设工程规划许可证核发”：4 个环节已列入路线图，
//!          最后一个环节 2026-12-11 到期。
//! ```

use super::access::{self, allowed};
use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::item_text::{LABEL, words};
use super::notify::{Audience, Notice};
use super::proposal;
use super::state::{CaseOp, Fix, FixText, Pending, Press, Seen, State};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::approval::{CatalogueStep, plan};
use crate::domain::{Action, Correction, NoticeKind};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::approval::{self, ItemRow, StepRow};
use crate::store::cases::CaseRow;

/// Items offered on the menu.
const OFFERED: i64 = 8;

fn item_buttons(case: &CaseRow, items: &[ItemRow]) -> Vec<Vec<ButtonSpec>> {
    let seen = Some(Seen::of(case));
    items
        .iter()
        .map(|i| {
            vec![(
                format!("📋 {}", text::excerpt(&i.name, LABEL)),
                Press::Fix {
                    case_id: case.id,
                    fix: Fix::Item { item_id: i.id },
                    seen,
                },
            )]
        })
        .collect()
}

/// The items to choose from: those the report's words point to, then the department's.
pub(crate) async fn menu(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Item) {
        return Ok(());
    }
    let current = approval::of_case(turn.conn, case.id).await?;
    let mut items =
        approval::proposed(turn.conn, &case.description, case.department_id, OFFERED).await?;
    if let Some(d) = case.department_id {
        for i in approval::of_department(turn.conn, d, OFFERED).await? {
            if items.len() as i64 >= OFFERED {
                break;
            }
            if !items.iter().any(|x| x.id == i.id) {
                items.push(i);
            }
        }
    }
    items.retain(|i| current.as_ref().is_none_or(|c| c.id != i.id));
    let mut lines = vec![];
    if let Some(c) = &current {
        lines.push(turn.tr(
            "items-link-current",
            Args::new().str("name", &c.name).str("code", &c.code),
        ));
    }
    // With nothing to propose, the menu says so and points to the search.
    let key = if items.is_empty() {
        "items-link-menu-none"
    } else {
        "items-link-menu"
    };
    lines.push(turn.tr(key, Args::new().str("number", &case.number)));
    let mut rows = item_buttons(case, &items);
    rows.push(vec![(
        turn.t("items-link-search"),
        Press::Fix {
            case_id: case.id,
            fix: Fix::ItemSearch,
            seen: Some(Seen::of(case)),
        },
    )]);
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}

/// "Search by words": the bot waits for them.
pub(crate) fn ask_words(turn: &mut Turn<'_>, case: &CaseRow) {
    if !allowed(turn, case, CaseOp::Item) {
        return;
    }
    turn.state = State::Awaiting {
        pending: Pending::Fix {
            case_id: case.id,
            text: FixText::ItemWords,
        },
    };
    turn.say_args(
        "items-link-ask-words",
        Args::new().str("number", &case.number),
    );
}

/// The words typed: the items they match, to choose from (the bot keeps waiting when none).
pub(crate) async fn typed_words(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    typed: &str,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Item) {
        turn.state = State::Idle;
        return Ok(());
    }
    let words = words(typed);
    let (items, total) = approval::search(turn.conn, &words, 0, OFFERED).await?;
    if items.is_empty() {
        turn.say_args("items-link-none", Args::new().str("words", words.join(" ")));
        return Ok(());
    }
    turn.state = State::Idle;
    let text = turn.tr(
        "items-link-found",
        Args::new()
            .str("number", &case.number)
            .num("total", total as f64)
            .num("shown", items.len() as f64),
    );
    let buttons = turn.buttons(item_buttons(case, &items)).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// The item chosen: its steps become the case's roadmap from today.
pub(crate) async fn link(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    item_id: i64,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Item) {
        return Ok(());
    }
    let Some(item) = approval::by_id(turn.conn, item_id).await? else {
        let text = turn.t("items-gone");
        turn.notice(text);
        return Ok(());
    };
    let steps = approval::steps(turn.conn, item.id).await?;
    let catalogue: Vec<CatalogueStep> = steps.iter().map(StepRow::catalogue_step).collect();
    let planned = plan(turn.today(), &catalogue, &turn.engine.calendar);
    let last = planned
        .last()
        .map(|p| p.due_on.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let action = Action::Correct(Correction::LinkItem {
        item_id: item.id,
        section_id: item.section_id,
        steps: planned,
    });
    let notice = Notice::new(
        &[Audience::Handlers, Audience::Cadre],
        NoticeKind::CaseItemLinked,
        "items-notify-linked",
    )
    .arg("name", item.name.clone())
    .arg("steps", steps.len().to_string())
    .arg("last", last.clone());
    let done = Done::new("items-linked", Shown::MessageAndAnswer)
        .arg("name", item.name.clone())
        .arg("steps", steps.len().to_string())
        .arg("last", last);
    let acted = act_and_tell(turn, case.id, &action, &[notice], done).await?;
    // Linked before dispatch: the dispatch proposal again, now routed by the item.
    if let Some(case) = acted
        && case.status().is_awaiting_dispatch()
        && access::is_dispatcher(turn)
    {
        let today = turn.today();
        let plan = proposal::initial_plan(turn.conn, turn.engine, &case, today).await?;
        let (text, rows) =
            proposal::proposal(turn.conn, turn.engine, turn.locale, &case, plan, today).await?;
        let buttons = turn.buttons(rows).await?;
        turn.push(Reply::text(text).with_buttons(buttons));
    }
    Ok(())
}
