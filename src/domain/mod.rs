//! The campaign's rules, with no I/O: categories, roles, the case state machine and the
//! working-day calendar. Time is always passed in.

pub mod accountability;
pub mod approval;
pub mod calendar;
pub mod case;
pub mod category;
pub mod commands;
pub mod correction;
pub mod escalation;
pub mod inspection;
pub mod notice;
pub mod project;
pub mod role;
pub mod routing;
pub mod service_mode;
pub mod status;

pub use calendar::{CalendarError, WorkCalendar};
pub use case::{
    Action, Actor, CaseNumber, CaseStatus, CaseView, Satisfaction, Transition, TransitionError,
};
pub use category::{Category, Difficulty};
pub use correction::Correction;
pub use escalation::{Colour, Cutoffs, Ladder, escalation_colour};
pub use notice::NoticeKind;
pub use role::{Role, Roles};
pub use routing::{Handler, case_handlers};
pub use service_mode::{ModeChange, ServiceMode};
