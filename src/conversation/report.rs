//! A cadre reports an enterprise's problem: `/report`, or just writing the problem down.
//!
//! ```text
//! 王建国:  /report
//! bot:     为哪家企业反映问题？  [秦岭猕猴桃合作社] [周至县宏达机械厂]
//! 王建国:  (presses 秦岭猕猴桃合作社)
//! bot:     请描述秦岭猕猴桃合作社遇到的问题（最多 2000 字），可以附照片、文件或语音。
//! 王建国:  厂区门前道路破损，货车进出困难
//! 王建国:  (a photo)
//! bot:     已收到附件（共 1 个）。
//! bot:     建议归入“交通”类。  [✓ 交通] [其他类别]
//! 王建国:  (presses ✓ 交通)
//! bot:     这个问题的难易程度？  [简单（5个工作日）] [一般（10个工作日）] [较难（20个工作日）] [重大（40个工作日）]
//! 王建国:  (presses 一般)
//! bot:     请确认：企业 秦岭猕猴桃合作社 · 类别 交通 · 难度 一般 · 附件 1 个 …  [提交] [取消]
//! 王建国:  (presses 提交)
//! bot:     已登记，编号 ZZ-2026-0001。活动办将尽快交办，办理进展会通知您。
//! ```
//! With a single enterprise the first question is skipped; the problem may follow the command
//! (`/report 厂区门前道路破损`); texts sent later are added to the description, except that the
//! enterprise question may be answered by typing the enterprise's name (or a part of it that
//! names one alone, `宏达`); `/cancel` drops the draft and nothing is stored.

use super::engine::EngineError;
use super::notify::{self, Audience, Buttons, Notice};
use super::report_view::{all_categories, category_menu, difficulty_menu, enterprise, summary};
use super::said;
use super::state::{Press, ReportDraft, ReportOp, ReportStage, State};
use super::text;
use super::turn::Turn;
use crate::domain::{Category, NoticeKind, Role};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::attachments::{self, FileRef};
use crate::store::cases::{self, CaseError, NewCase};
use crate::store::enterprises::{self, EnterpriseRow};

/// Files one report may carry.
pub const MAX_FILES: usize = 10;
/// A plain text shorter than this, sent while idle, is not taken as a problem report.
const MIN_IDLE_REPORT_CHARS: usize = 4;

/// `/report`, or a problem written or sent while idle.
pub(crate) async fn start(
    turn: &mut Turn<'_>,
    draft: Option<ReportDraft>,
) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        turn.say("bot-report-not-cadre");
        return Ok(());
    }
    let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
    if mine.is_empty() {
        turn.say("bot-no-enterprises");
        return Ok(());
    }
    let mut draft = draft.unwrap_or_default();
    if draft.id == 0 {
        draft.id = turn.now.timestamp_micros();
    }
    if mine.len() == 1 {
        draft.enterprise_id = Some(mine[0].id);
    }
    next(turn, draft).await
}

/// `/report`, with the problem written after it (`/report 厂区门前道路破损`) or not. Amid a
/// report (`draft`), the draft goes on: the words add to its description, and what it still
/// lacks is asked again.
pub(crate) async fn command(
    turn: &mut Turn<'_>,
    draft: Option<ReportDraft>,
    args: &str,
) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        return start(turn, None).await;
    }
    if let Some(draft) = draft {
        // Kept as it was should the words be refused (too long).
        turn.state = State::Report(draft.clone());
        if text::is_blank(args) {
            return next(turn, draft).await;
        }
        return on_text(turn, draft, args).await;
    }
    if text::is_blank(args) {
        return start(turn, None).await;
    }
    start_described(turn, args).await
}

/// A new report whose description is `raw` (refused, and nothing started, when too long).
async fn start_described(turn: &mut Turn<'_>, raw: &str) -> Result<(), EngineError> {
    let Some(description) = turn.take_text(raw) else {
        return Ok(());
    };
    let draft = ReportDraft {
        description: Some(description),
        ..ReportDraft::default()
    };
    start(turn, Some(draft)).await
}

pub(crate) async fn idle_text(turn: &mut Turn<'_>, raw: &str) -> Result<(), EngineError> {
    let cleaned = text::clean(raw);
    if !turn.person.roles.has(Role::Cadre) || text::char_len(&cleaned) < MIN_IDLE_REPORT_CHARS {
        match said::mentioned(turn, &cleaned) {
            Some(meant) => {
                turn.say_args("bot-idle-meant", Args::new().str("command", meant.name()))
            }
            None => turn.say("bot-idle-hint"),
        }
        return Ok(());
    }
    start_described(turn, raw).await
}

pub(crate) async fn idle_file(turn: &mut Turn<'_>, file: FileRef) -> Result<(), EngineError> {
    if !turn.person.roles.has(Role::Cadre) {
        turn.say("bot-file-no-context");
        return Ok(());
    }
    let mut draft = ReportDraft::default();
    take_caption(turn, &mut draft, &file);
    draft.files.push(file);
    turn.say_args("bot-report-file-kept", Args::new().num("count", 1));
    start(turn, Some(draft)).await
}

/// A caption becomes the description when there is none yet.
fn take_caption(turn: &mut Turn<'_>, draft: &mut ReportDraft, file: &FileRef) {
    if draft.description.is_none()
        && let Some(caption) = file.caption.as_deref().filter(|c| !text::is_blank(c))
    {
        draft.description = turn.take_text(caption);
    }
}

pub(crate) async fn on_text(
    turn: &mut Turn<'_>,
    mut draft: ReportDraft,
    raw: &str,
) -> Result<(), EngineError> {
    if draft.enterprise_id.is_none() {
        let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
        if let Some(named) = named_enterprise(&mine, raw) {
            let args = Args::new().str("enterprise", &named.name);
            turn.say_args("bot-report-enterprise-named", args);
            draft.enterprise_id = Some(named.id);
            return next(turn, draft).await;
        }
    }
    let Some(added) = turn.take_text(raw) else {
        return Ok(());
    };
    let combined = match &draft.description {
        Some(d) => format!("{d}\n{added}"),
        None => added,
    };
    if !turn.within_limit(&combined) {
        return Ok(());
    }
    // Added words are acknowledged, unless the enterprise question that follows says so itself.
    let appended = draft.description.is_some() && draft.enterprise_id.is_some();
    draft.description = Some(combined);
    if appended {
        turn.say("bot-report-text-added");
    }
    next(turn, draft).await
}

/// The enterprise a text typed at the enterprise question names: one whose name it is, or the
/// only one whose name holds it (two characters at least). Anything longer than a name, or
/// naming none or several, is more of the description.
fn named_enterprise<'e>(mine: &'e [EnterpriseRow], typed: &str) -> Option<&'e EnterpriseRow> {
    let typed: String = text::clean(typed)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(exact) = mine.iter().find(|e| e.name == typed) {
        return Some(exact);
    }
    if typed.chars().count() < 2 {
        return None;
    }
    let mut holding = mine.iter().filter(|e| e.name.contains(&typed));
    match (holding.next(), holding.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

pub(crate) async fn on_file(
    turn: &mut Turn<'_>,
    mut draft: ReportDraft,
    file: FileRef,
) -> Result<(), EngineError> {
    if draft.files.len() >= MAX_FILES {
        turn.say_args(
            "bot-report-too-many-files",
            Args::new().num("limit", MAX_FILES as f64),
        );
        return Ok(());
    }
    let had_description = draft.description.is_some();
    take_caption(turn, &mut draft, &file);
    draft.files.push(file);
    turn.say_args(
        "bot-report-file-kept",
        Args::new().num("count", draft.files.len() as f64),
    );
    if !had_description && draft.description.is_some() {
        return next(turn, draft).await;
    }
    turn.state = State::Report(draft);
    Ok(())
}

/// Asks for whatever the draft still lacks, or for confirmation when it is complete.
async fn next(turn: &mut Turn<'_>, mut draft: ReportDraft) -> Result<(), EngineError> {
    let draft_id = draft.id;
    let reply = if draft.enterprise_id.is_none() {
        draft.stage = ReportStage::Enterprise;
        let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
        let rows = mine
            .iter()
            .map(|e| {
                vec![(
                    e.name.clone(),
                    Press::Report {
                        op: ReportOp::Enterprise {
                            enterprise_id: e.id,
                        },
                        draft: draft_id,
                    },
                )]
            })
            .collect();
        let buttons = turn.buttons(rows).await?;
        // A problem written first is kept: the question says so.
        let key = match draft.description {
            Some(_) => "bot-report-pick-enterprise-described",
            None => "bot-report-pick-enterprise",
        };
        Reply::text(turn.t(key)).with_buttons(buttons)
    } else if draft.description.is_none() {
        draft.stage = ReportStage::Describe;
        let name = enterprise(turn, &draft)
            .await?
            .map(|e| e.name)
            .unwrap_or_default();
        Reply::text(
            turn.tr(
                "bot-report-describe",
                Args::new()
                    .str("enterprise", name)
                    .num("limit", text::MAX_TEXT_CHARS as f64),
            ),
        )
    } else if draft.category.is_none() {
        draft.stage = ReportStage::Category;
        let proposed = Category::propose(draft.description.as_deref().unwrap_or(""));
        category_menu(turn, proposed, draft_id).await?
    } else if draft.difficulty.is_none() {
        draft.stage = ReportStage::Difficulty;
        difficulty_menu(turn, draft_id).await?
    } else {
        draft.stage = ReportStage::Confirm;
        summary(turn, &draft).await?
    };
    turn.state = State::Report(draft);
    turn.push(reply);
    Ok(())
}

/// A button of the report flow was pressed; one from another draft (abandoned, or already
/// submitted) is out of date and does nothing.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    op: ReportOp,
    draft_id: i64,
) -> Result<(), EngineError> {
    let current = match &turn.state {
        State::Report(draft) if draft.id == draft_id => Some(draft.clone()),
        _ => None,
    };
    let Some(mut draft) = current else {
        let text = turn.t("bot-menu-stale");
        turn.answer(text);
        return Ok(());
    };
    match op {
        ReportOp::Enterprise { enterprise_id } => {
            let mine = enterprises::of_cadre(turn.conn, turn.person.id).await?;
            if !mine.iter().any(|e| e.id == enterprise_id) {
                let text = turn.t("bot-case-not-found");
                turn.answer(text);
                return Ok(());
            }
            draft.enterprise_id = Some(enterprise_id);
            next(turn, draft).await
        }
        ReportOp::Category { category } => {
            draft.category = Some(category);
            next(turn, draft).await
        }
        ReportOp::AllCategories => {
            let rows = all_categories(turn, draft.id);
            let buttons = turn.buttons(rows).await?;
            let text = turn.t("bot-report-category-pick");
            turn.push_menu(Reply::text(text).with_buttons(buttons));
            Ok(())
        }
        ReportOp::Difficulty { difficulty } => {
            draft.difficulty = Some(difficulty);
            next(turn, draft).await
        }
        ReportOp::Cancel => {
            turn.state = State::Idle;
            let text = turn.t("bot-cancelled");
            turn.push_menu(Reply::text(text));
            Ok(())
        }
        ReportOp::Submit => submit(turn, draft).await,
    }
}

async fn submit(turn: &mut Turn<'_>, draft: ReportDraft) -> Result<(), EngineError> {
    let (Some(enterprise_id), Some(description), Some(category), Some(difficulty)) = (
        draft.enterprise_id,
        draft.description.clone(),
        draft.category,
        draft.difficulty,
    ) else {
        return next(turn, draft).await;
    };
    let year = chrono::Datelike::year(&turn.today());
    let new = NewCase {
        enterprise_id,
        category,
        difficulty,
        description,
    };
    let actor = turn.person.actor();
    let prefix = turn.engine.settings.case_prefix.clone();
    let case = match cases::report(turn.conn, &prefix, &actor, &new, turn.now, year).await {
        Ok(case) => case,
        Err(CaseError::Refused(e)) => {
            turn.state = State::Idle;
            let text = turn.refusal(&e);
            turn.notice(text);
            return Ok(());
        }
        Err(
            CaseError::NotFound
            | CaseError::NoEnterprise
            | CaseError::Correction(_)
            | CaseError::Mode(_),
        ) => {
            turn.state = State::Idle;
            let text = turn.t("bot-case-not-found");
            turn.notice(text);
            return Ok(());
        }
        Err(CaseError::Store(e)) => return Err(e.into()),
    };
    let transport = turn.input.transport.code();
    // The report's files are attachments of its first event.
    let reported = cases::events(turn.conn, case.id)
        .await?
        .first()
        .map(|e| e.id);
    for file in &draft.files {
        attachments::add(
            turn.conn,
            case.id,
            reported,
            transport,
            file,
            turn.person.id,
            turn.now,
        )
        .await?;
    }
    // The campaign office dispatches it; the township (块) follows it.
    for (to, head, buttons) in [
        (
            Audience::Dispatchers,
            "bot-notify-reported",
            Buttons::Dispatch,
        ),
        (
            Audience::Township,
            "townships-notify-reported",
            Buttons::Card,
        ),
    ] {
        let notice = Notice::new(&[to], NoticeKind::CaseReported, head).buttons(buttons);
        notify::send(turn, &case, &notice).await?;
    }
    turn.state = State::Idle;
    let text = turn.tr("bot-report-done", Args::new().str("number", &case.number));
    turn.push_menu(Reply::text(text));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str) -> EnterpriseRow {
        EnterpriseRow {
            id,
            name: name.into(),
            township_name: "金川镇".into(),
            cadre_id: Some(1),
        }
    }

    #[test]
    fn an_enterprise_is_named_by_its_name_or_a_part_no_other_shares() {
        let mine = [
            row(1, "宏达机械有限公司"),
            row(2, "宏达包装有限公司"),
            row(3, "秦岭猕猴桃合作社"),
        ];
        let named = |typed: &str| named_enterprise(&mine, typed).map(|e| e.id);
        assert_eq!(named("宏达机械有限公司"), Some(1));
        assert_eq!(named(" 宏达 机械 "), Some(1));
        assert_eq!(named("猕猴桃"), Some(3));
        // Both 宏达 hold it; one character says too little; more than a name is a description.
        assert_eq!(named("宏达"), None);
        assert_eq!(named("有"), None);
        assert_eq!(named("秦岭猕猴桃合作社反映道路破损"), None);
        assert_eq!(named("道路破损"), None);
        assert_eq!(named(""), None);
    }
}
