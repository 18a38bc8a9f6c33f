//! The buttons of a case card: which operations the viewer may press, checked by the same
//! rules as the press itself, and their labels.

use chrono::NaiveDate;

use super::access::{check, sees};
use super::engine::EngineError;
use super::state::{AccountOp, CaseOp, Press, Seen};
use super::turn::ButtonSpec;
use crate::domain::{Actor, CaseStatus, Role, Satisfaction};
use crate::i18n::t;
use crate::store::PgConnection;
use crate::store::cases::CaseRow;
use crate::store::{approval, attachments, extensions, milestones};

/// What the buttons of a card depend on beyond the case row.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Extras {
    pub files: i64,
    pub open_steps: bool,
    pub extension_pending: bool,
    /// Whether the catalogue of approval items holds any (else no button to link one).
    pub catalogue: bool,
}

impl Extras {
    pub async fn of(conn: &mut PgConnection, case_id: i64) -> Result<Extras, EngineError> {
        let steps = milestones::of_case(conn, case_id).await?;
        Ok(Extras {
            files: attachments::count(conn, case_id).await?,
            open_steps: steps.iter().any(|m| m.done_at.is_none()),
            extension_pending: extensions::pending_of(conn, case_id).await?.is_some(),
            catalogue: approval::any(conn).await?,
        })
    }
}

/// The card buttons a viewer may press, in `locale`.
pub(crate) fn action_specs(
    locale: &str,
    actor: &Actor,
    case: &CaseRow,
    today: NaiveDate,
    history_button: bool,
    extras: Extras,
) -> Vec<Vec<ButtonSpec>> {
    let mut ops = vec![
        CaseOp::Dispatch,
        CaseOp::RequestInfo,
        CaseOp::Accept,
        CaseOp::Return,
        CaseOp::Progress,
        CaseOp::Milestone,
        CaseOp::Resolve,
        CaseOp::SupplyInfo,
    ];
    ops.extend(
        Satisfaction::ALL
            .into_iter()
            .map(|satisfaction| CaseOp::Confirm { satisfaction }),
    );
    ops.extend([CaseOp::Supervise, CaseOp::Note, CaseOp::Reclassify]);
    if !extras.extension_pending {
        ops.push(CaseOp::Extend);
    }
    ops.extend([CaseOp::SetDeadline, CaseOp::ServiceMode]);
    if extras.open_steps {
        ops.push(CaseOp::Roadmap);
    }
    if extras.catalogue {
        ops.push(CaseOp::Item);
    }
    let mut allowed: Vec<CaseOp> = ops
        .into_iter()
        .filter(|op| check(actor, case, *op, today).is_ok())
        .collect();
    if extras.files > 0 && sees(actor, case) {
        allowed.push(CaseOp::Files);
    }
    if history_button && sees(actor, case) {
        allowed.push(CaseOp::History);
    }
    let seen = Seen::of(case);
    let mut specs: Vec<ButtonSpec> = allowed
        .into_iter()
        .map(|op| {
            (
                op_label(locale, op, case.status()),
                Press::Case {
                    case_id: case.id,
                    op,
                    seen: Some(seen),
                },
            )
        })
        .collect();
    // 总结推广: a leader marks a closed case as a typical case.
    if case.status() == CaseStatus::Closed && actor.roles.has(Role::Leader) {
        let op = AccountOp::MarkCase { case_id: case.id };
        specs.push((t(locale, "acc-typical-button"), Press::Account { op }));
    }
    specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect()
}

fn op_label(locale: &str, op: CaseOp, status: CaseStatus) -> String {
    let key = match op {
        CaseOp::Show => "bot-op-show",
        CaseOp::History => "bot-op-history",
        CaseOp::Accept => "bot-op-accept",
        CaseOp::Return => "bot-op-return",
        CaseOp::Progress => "bot-op-progress",
        CaseOp::Milestone => "bot-op-milestone",
        CaseOp::Resolve => "bot-op-resolve",
        CaseOp::Note => "bot-op-note",
        CaseOp::SupplyInfo => "bot-op-supply-info",
        CaseOp::RequestInfo => "bot-op-request-info",
        CaseOp::Confirm {
            satisfaction: Satisfaction::Satisfied,
        } => "bot-op-satisfied",
        CaseOp::Confirm {
            satisfaction: Satisfaction::BasicallySatisfied,
        } => "bot-op-basically-satisfied",
        CaseOp::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
        } => "bot-op-unsatisfied",
        CaseOp::Supervise => "bot-op-supervise",
        CaseOp::SuperviseNow => "bot-op-supervise-now",
        CaseOp::Dispatch if status == CaseStatus::Dispatched => "bot-op-redispatch",
        CaseOp::Dispatch => "bot-op-dispatch",
        CaseOp::Reclassify => "casework-op-reclassify",
        CaseOp::Extend => "casework-op-extend",
        CaseOp::SetDeadline => "casework-op-set-deadline",
        CaseOp::Roadmap => "casework-op-roadmap",
        CaseOp::Files => "casework-op-files",
        CaseOp::Item => "items-op-link",
        CaseOp::ServiceMode => "modes-op-menu",
    };
    t(locale, key)
}
