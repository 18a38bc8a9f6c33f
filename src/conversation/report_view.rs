//! The report draft as the cadre sees it: the category proposed from the description, the
//! difficulty with its working days, and the summary to confirm before submitting.

use super::engine::EngineError;
use super::state::{Press, ReportDraft, ReportOp};
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Category, Difficulty};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::enterprises::{self, EnterpriseRow};

pub(super) async fn enterprise(
    turn: &mut Turn<'_>,
    draft: &ReportDraft,
) -> Result<Option<EnterpriseRow>, EngineError> {
    match draft.enterprise_id {
        Some(id) => Ok(enterprises::by_id(turn.conn, id).await?),
        None => Ok(None),
    }
}

pub(super) fn category_name(turn: &Turn<'_>, c: Category) -> String {
    turn.t(&format!("category-{}", c.code()))
}

pub(super) async fn category_menu(
    turn: &mut Turn<'_>,
    proposed: Option<Category>,
    draft_id: i64,
) -> Result<Reply, EngineError> {
    let (text, rows): (String, Vec<Vec<ButtonSpec>>) = match proposed {
        Some(c) => (
            turn.tr(
                "bot-report-category-proposed",
                Args::new().str("category", category_name(turn, c)),
            ),
            vec![vec![
                (
                    turn.tr(
                        "bot-report-category-accept",
                        Args::new().str("category", category_name(turn, c)),
                    ),
                    Press::Report {
                        op: ReportOp::Category { category: c },
                        draft: draft_id,
                    },
                ),
                (
                    turn.t("bot-report-category-other"),
                    Press::Report {
                        op: ReportOp::AllCategories,
                        draft: draft_id,
                    },
                ),
            ]],
        ),
        None => (
            turn.t("bot-report-category-pick"),
            all_categories(turn, draft_id),
        ),
    };
    let buttons = turn.buttons(rows).await?;
    Ok(Reply::text(text).with_buttons(buttons))
}

pub(super) fn all_categories(turn: &Turn<'_>, draft_id: i64) -> Vec<Vec<ButtonSpec>> {
    let specs: Vec<ButtonSpec> = Category::ALL
        .into_iter()
        .map(|c| {
            (
                category_name(turn, c),
                Press::Report {
                    op: ReportOp::Category { category: c },
                    draft: draft_id,
                },
            )
        })
        .collect();
    specs.chunks(3).map(<[ButtonSpec]>::to_vec).collect()
}

pub(super) async fn difficulty_menu(
    turn: &mut Turn<'_>,
    draft_id: i64,
) -> Result<Reply, EngineError> {
    let specs: Vec<ButtonSpec> = Difficulty::ALL
        .into_iter()
        .map(|d| {
            (
                difficulty_label(turn, d),
                Press::Report {
                    op: ReportOp::Difficulty { difficulty: d },
                    draft: draft_id,
                },
            )
        })
        .collect();
    let rows = specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect();
    let buttons = turn.buttons(rows).await?;
    Ok(Reply::text(turn.t("bot-report-difficulty")).with_buttons(buttons))
}

pub(super) fn difficulty_label(turn: &Turn<'_>, d: Difficulty) -> String {
    turn.tr(
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", turn.t(&format!("difficulty-{}", d.code())))
            .num("days", turn.engine.settings.limits.days_for(d) as f64),
    )
}

pub(super) async fn summary(
    turn: &mut Turn<'_>,
    draft: &ReportDraft,
) -> Result<Reply, EngineError> {
    let draft_id = draft.id;
    let name = enterprise(turn, draft)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    let category = draft
        .category
        .map(|c| category_name(turn, c))
        .unwrap_or_default();
    let difficulty = draft
        .difficulty
        .map(|d| difficulty_label(turn, d))
        .unwrap_or_default();
    let text = turn.tr(
        "bot-report-summary",
        Args::new()
            .str("enterprise", name)
            .str("category", category)
            .str("difficulty", difficulty)
            .num("files", draft.files.len() as f64)
            .str("description", draft.description.as_deref().unwrap_or("")),
    );
    let rows = vec![vec![
        (
            turn.t("bot-report-submit"),
            Press::Report {
                op: ReportOp::Submit,
                draft: draft_id,
            },
        ),
        (
            turn.t("bot-report-cancel"),
            Press::Report {
                op: ReportOp::Cancel,
                draft: draft_id,
            },
        ),
    ]];
    let buttons = turn.buttons(rows).await?;
    Ok(Reply::text(text).with_buttons(buttons))
}
