//! What a correction (`domain::Correction`) writes, once the state machine has allowed it:
//! called by `cases::act` on the locked case, in the caller's transaction, before the event is
//! appended. Gives the event's data. Refusals the state machine cannot see (a step that is not
//! the case's, a request already decided) are `CorrectionError`s.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use sqlx::PgConnection;

use super::{StoreError, milestones};
use crate::domain::{Actor, Correction};

/// Why a correction the state machine allowed cannot be made to this case as it is.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    #[error("the roadmap step is not one of the case's live steps")]
    NoStep,
    #[error("the roadmap step is already done")]
    StepDone,
    #[error("an extension request already waits for a decision")]
    ExtensionPending,
    #[error("the extension request was already decided")]
    ExtensionDecided,
    #[error("the date asked for is not after the deadline in force")]
    NotLater,
    #[error("the case is already linked to this approval item")]
    SameItem,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CorrectionError {
    fn from(e: sqlx::Error) -> Self {
        CorrectionError::Store(super::map_err(e))
    }
}

/// Writes the correction to the case `case_id`, whose deadline in force is `deadline`.
pub(super) async fn apply(
    conn: &mut PgConnection,
    case_id: i64,
    deadline: Option<NaiveDate>,
    actor: &Actor,
    correction: &Correction,
    now: DateTime<Utc>,
) -> Result<Value, CorrectionError> {
    Ok(match correction {
        Correction::Reclassify {
            category,
            difficulty,
            deadline: new_deadline,
            ..
        } => {
            let (old_category, old_difficulty): (String, String) =
                sqlx::query_as("select category, difficulty from cases where id = $1")
                    .bind(case_id)
                    .fetch_one(&mut *conn)
                    .await?;
            sqlx::query(
                "update cases set category = $2, difficulty = $3, deadline = coalesce($4, deadline), \
                 updated_at = $5 where id = $1",
            )
            .bind(case_id)
            .bind(category.code())
            .bind(difficulty.code())
            .bind(*new_deadline)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            json!({
                "from_category": old_category, "from_difficulty": old_difficulty,
                "category": category.code(), "difficulty": difficulty.code(),
                "from_deadline": deadline, "to_deadline": new_deadline,
            })
        }
        Correction::RequestExtension { until, reason } => {
            let waiting: bool = sqlx::query_scalar(
                "select exists (select 1 from extension_requests where case_id = $1 and status = 'pending')",
            )
            .bind(case_id)
            .fetch_one(&mut *conn)
            .await?;
            if waiting {
                return Err(CorrectionError::ExtensionPending);
            }
            if deadline.is_some_and(|d| *until <= d) {
                return Err(CorrectionError::NotLater);
            }
            let id: i64 = sqlx::query_scalar(
                "insert into extension_requests (case_id, requested_by, reason, old_deadline, proposed, created_at) \
                 values ($1, $2, $3, $4, $5, $6) returning id",
            )
            .bind(case_id)
            .bind(actor.person_id)
            .bind(reason.trim())
            .bind(deadline)
            .bind(until)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            json!({"request_id": id, "from_deadline": deadline, "to_deadline": until})
        }
        Correction::DecideExtension {
            request_id,
            approve,
            note,
        } => {
            let status = if *approve { "approved" } else { "refused" };
            let proposed: Option<NaiveDate> = sqlx::query_scalar(
                "update extension_requests set status = $3, decided_by = $4, decided_at = $5, decision_note = $6 \
                 where id = $1 and case_id = $2 and status = 'pending' returning proposed",
            )
            .bind(request_id)
            .bind(case_id)
            .bind(status)
            .bind(actor.person_id)
            .bind(now)
            .bind(note.as_deref().map(str::trim).filter(|n| !n.is_empty()))
            .fetch_optional(&mut *conn)
            .await?;
            let proposed = proposed.ok_or(CorrectionError::ExtensionDecided)?;
            if *approve {
                set_deadline(conn, case_id, proposed, now).await?;
            }
            json!({"request_id": request_id, "from_deadline": deadline, "to_deadline": proposed})
        }
        Correction::SetDeadline {
            deadline: new_deadline,
            ..
        } => {
            set_deadline(conn, case_id, *new_deadline, now).await?;
            json!({"from_deadline": deadline, "to_deadline": new_deadline})
        }
        Correction::StepDone { milestone_id } => {
            let step = live_step(conn, case_id, *milestone_id).await?;
            if step.done_at.is_some() {
                return Err(CorrectionError::StepDone);
            }
            milestones::mark_done(conn, *milestone_id, now).await?;
            json!({"milestone_id": milestone_id, "title": step.title, "due_on": step.due_on})
        }
        Correction::StepChange {
            milestone_id,
            title,
            due_on,
        } => {
            let step = live_step(conn, case_id, *milestone_id).await?;
            milestones::change(conn, *milestone_id, title.trim(), *due_on, now).await?;
            json!({
                "milestone_id": milestone_id, "from_title": step.title, "from_due_on": step.due_on,
                "due_on": due_on,
            })
        }
        Correction::StepRemove { milestone_id } => {
            let step = live_step(conn, case_id, *milestone_id).await?;
            milestones::remove(conn, *milestone_id, now).await?;
            json!({"milestone_id": milestone_id, "title": step.title, "due_on": step.due_on})
        }
        Correction::LinkItem {
            item_id,
            section_id,
            steps,
        } => super::approval::link(conn, case_id, actor, *item_id, *section_id, steps, now)
            .await?
            .ok_or(CorrectionError::SameItem)?,
    })
}

async fn set_deadline(
    conn: &mut PgConnection,
    case_id: i64,
    deadline: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), CorrectionError> {
    sqlx::query("update cases set deadline = $2, updated_at = $3 where id = $1")
        .bind(case_id)
        .bind(deadline)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

async fn live_step(
    conn: &mut PgConnection,
    case_id: i64,
    milestone_id: i64,
) -> Result<milestones::MilestoneRow, CorrectionError> {
    milestones::live(conn, case_id, milestone_id)
        .await?
        .ok_or(CorrectionError::NoStep)
}
