//! Service modes (帮办 help / 陪办 accompany / 代办 handle on the enterprise's behalf): how the
//! officer holding a case serves the enterprise through a procedure. The dispatcher or the
//! department marks and changes the mode; 陪办 records the days and places the officer went
//! with the enterprise; 代办 records the documents received from the enterprise and their
//! return. None of them moves the case's status, but a case cannot be resolved while a
//! document received from the enterprise has not been given back.
//!
//! ```text
//! dispatcher, department ──set mode (帮办 / 陪办 / 代办, or none)──▶ open case
//! dispatcher, department ──accompanied (day, place)──▶ open case in 陪办
//! dispatcher, department ──document received (name)──▶ case a department holds, in 代办
//! dispatcher, department ──document returned──▶ open case
//! department ──resolve──▶ refused while a received document is out
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::role::Role;
use super::status::{Actor, CaseStatus, CaseView, TransitionError};

/// How many days back an accompaniment (陪办) may be dated, as for visits.
pub const ACCOMPANY_DAYS_BACK: u64 = 7;

/// A case's service mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMode {
    /// 帮办: the officer helps the enterprise through the procedure.
    Help,
    /// 陪办: the officer goes with the enterprise.
    Accompany,
    /// 代办: the officer handles the procedure with the enterprise's documents.
    Handle,
}

impl ServiceMode {
    pub const ALL: [ServiceMode; 3] = [
        ServiceMode::Help,
        ServiceMode::Accompany,
        ServiceMode::Handle,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ServiceMode::Help => "help",
            ServiceMode::Accompany => "accompany",
            ServiceMode::Handle => "handle",
        }
    }

    pub fn parse(s: &str) -> Option<ServiceMode> {
        ServiceMode::ALL.into_iter().find(|m| m.code() == s)
    }
}

/// A change of a case's service mode or of what the mode records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModeChange {
    /// Marks the case with a mode, changes it, or (`None`) takes it off.
    Set { mode: Option<ServiceMode> },
    /// 陪办: the officer went with the enterprise on `on`, to `place`.
    Accompanied { on: NaiveDate, place: String },
    /// 代办: a document received from the enterprise.
    DocumentReceived { name: String },
    /// 代办: a received document given back to the enterprise; `name` is its name as received,
    /// for the record (the ledger checks it is that document's).
    DocumentReturned { document_id: i64, name: String },
}

impl ModeChange {
    /// The event kind recorded in the process record.
    pub fn event_kind(&self) -> &'static str {
        match self {
            ModeChange::Set { .. } => "service_mode_set",
            ModeChange::Accompanied { .. } => "accompanied",
            ModeChange::DocumentReceived { .. } => "document_received",
            ModeChange::DocumentReturned { .. } => "document_returned",
        }
    }
}

/// Checks a change against the actor and the case; gives the note to record. The rules that
/// need the case's mode and documents (`ModeRefusal`) are the store's to apply.
pub fn check(
    actor: &Actor,
    case: &CaseView,
    change: &ModeChange,
) -> Result<Option<String>, TransitionError> {
    let from = case.status;
    let dispatcher = actor.roles.has(Role::Dispatcher) || actor.roles.has(Role::Admin);
    let officer = actor.roles.has(Role::Officer);
    let department = officer
        && actor.department_id.is_some()
        && actor.department_id == case.department_id
        && !from.is_awaiting_dispatch();
    match (officer || dispatcher, dispatcher || department) {
        (false, _) => return Err(TransitionError::RoleNotAllowed),
        (true, false) => return Err(TransitionError::OutOfScope),
        (true, true) => {}
    }
    if !from.is_open() {
        return Err(TransitionError::WrongStatus(from));
    }
    match change {
        ModeChange::Set { .. } => Ok(None),
        ModeChange::DocumentReturned { name, .. } => required(name).map(Some),
        ModeChange::Accompanied { place, .. } => required(place).map(Some),
        ModeChange::DocumentReceived { name } => {
            // A document taken in after the answer could no longer hold the resolution back.
            if from == CaseStatus::Resolved {
                return Err(TransitionError::WrongStatus(from));
            }
            required(name).map(Some)
        }
    }
}

fn required(text: &str) -> Result<String, TransitionError> {
    let t = text.trim();
    if t.is_empty() {
        Err(TransitionError::NoteRequired)
    } else {
        Ok(t.to_string())
    }
}

/// Why a change the state machine allowed, or a resolution, cannot be made to the case as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModeRefusal {
    /// The case is already in this mode (an old menu pressed again).
    #[error("the case is already in that service mode")]
    Unchanged,
    /// What is recorded belongs to another mode than the case's.
    #[error("the case is not in the service mode {0:?}")]
    NotInMode(ServiceMode),
    /// The document is not one of the case's.
    #[error("no such document of the case")]
    NoDocument,
    /// The document was given back already.
    #[error("the document was already returned")]
    AlreadyReturned,
    /// Documents received from the enterprise are still out: the case cannot be resolved.
    #[error("documents still out: {0:?}")]
    DocumentsOut(Vec<String>),
}

/// A case may be resolved only when every document received from the enterprise (代办) has
/// been returned; `outstanding` are the names of those not returned yet.
pub fn may_resolve(outstanding: Vec<String>) -> Result<(), ModeRefusal> {
    if outstanding.is_empty() {
        Ok(())
    } else {
        Err(ModeRefusal::DocumentsOut(outstanding))
    }
}

/// Whether the mode's records fit the case's mode: 陪办 records for a 陪办 case, documents
/// received for a 代办 case.
pub fn fits(change: &ModeChange, mode: Option<ServiceMode>) -> Result<(), ModeRefusal> {
    let needed = match change {
        ModeChange::Set { mode: to } => {
            return if *to == mode {
                Err(ModeRefusal::Unchanged)
            } else {
                Ok(())
            };
        }
        ModeChange::Accompanied { .. } => ServiceMode::Accompany,
        ModeChange::DocumentReceived { .. } => ServiceMode::Handle,
        ModeChange::DocumentReturned { .. } => return Ok(()),
    };
    if mode == Some(needed) {
        Ok(())
    } else {
        Err(ModeRefusal::NotInMode(needed))
    }
}

/// Why a day something happened on is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRefusal {
    Future,
    TooOld,
}

/// The days something done lately may be dated on `today`: from `days_back` days back to
/// today, never in the future (accompaniments, visits).
pub fn recent_window(today: NaiveDate, days_back: u64) -> (NaiveDate, NaiveDate) {
    let from = today
        .checked_sub_days(Days::new(days_back))
        .unwrap_or(today);
    (from, today)
}

/// Checks a day against `recent_window`.
pub fn recent_day(on: NaiveDate, today: NaiveDate, days_back: u64) -> Result<(), DayRefusal> {
    let (from, to) = recent_window(today, days_back);
    if on > to {
        Err(DayRefusal::Future)
    } else if on < from {
        Err(DayRefusal::TooOld)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::status::test_actor as actor;

    fn case(status: CaseStatus) -> CaseView {
        CaseView {
            status,
            cadre_id: Some(1),
            department_id: Some(10),
            assignee_id: Some(2),
            supervised: false,
            township_id: 1,
        }
    }

    #[test]
    fn the_department_and_the_dispatcher_set_a_mode_and_a_cadre_may_not() {
        let set = ModeChange::Set {
            mode: Some(ServiceMode::Handle),
        };
        let c = case(CaseStatus::Accepted);
        assert!(check(&actor(2, &[Role::Officer], Some(10)), &c, &set).is_ok());
        assert!(check(&actor(3, &[Role::Dispatcher], None), &c, &set).is_ok());
        assert_eq!(
            check(&actor(1, &[Role::Cadre], None), &c, &set),
            Err(TransitionError::RoleNotAllowed)
        );
        assert_eq!(
            check(&actor(5, &[Role::Officer], Some(11)), &c, &set),
            Err(TransitionError::OutOfScope)
        );
        assert_eq!(
            check(
                &actor(3, &[Role::Dispatcher], None),
                &case(CaseStatus::Closed),
                &set
            ),
            Err(TransitionError::WrongStatus(CaseStatus::Closed))
        );
    }

    #[test]
    fn a_case_resolves_only_with_every_document_back() {
        assert_eq!(may_resolve(vec![]), Ok(()));
        assert_eq!(
            may_resolve(vec!["营业执照原件".into()]),
            Err(ModeRefusal::DocumentsOut(vec!["营业执照原件".into()]))
        );
    }

    #[test]
    fn records_fit_only_their_mode_and_the_same_mode_twice_is_no_change() {
        let doc = ModeChange::DocumentReceived { name: "x".into() };
        assert_eq!(fits(&doc, Some(ServiceMode::Handle)), Ok(()));
        assert_eq!(
            fits(&doc, Some(ServiceMode::Help)),
            Err(ModeRefusal::NotInMode(ServiceMode::Handle))
        );
        let set = ModeChange::Set {
            mode: Some(ServiceMode::Help),
        };
        assert_eq!(
            fits(&set, Some(ServiceMode::Help)),
            Err(ModeRefusal::Unchanged)
        );
        assert_eq!(fits(&set, None), Ok(()));
    }

    #[test]
    fn an_accompaniment_is_dated_up_to_a_week_back_and_never_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(recent_day(today, today, ACCOMPANY_DAYS_BACK), Ok(()));
        assert_eq!(
            recent_day(
                NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                today,
                ACCOMPANY_DAYS_BACK
            ),
            Ok(())
        );
        assert_eq!(
            recent_day(
                NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                today,
                ACCOMPANY_DAYS_BACK
            ),
            Err(DayRefusal::Future)
        );
        assert_eq!(
            recent_day(
                NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
                today,
                ACCOMPANY_DAYS_BACK
            ),
            Err(DayRefusal::TooOld)
        );
    }
}
