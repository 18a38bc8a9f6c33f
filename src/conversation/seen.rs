//! What a button remembers of the case it was made for, to tell on press whether it is out
//! of date.

use serde::{Deserialize, Serialize};

use crate::domain::CaseStatus;
use crate::store::cases::CaseRow;

/// The state of a case a button was made for, stored with the button and compared on press:
/// a card from before the case was returned or reopened is out of date, and so is a dispatch
/// card from before any change of status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub status: CaseStatus,
    pub returns: i32,
    pub reopens: i32,
}

impl Seen {
    pub fn of(case: &CaseRow) -> Seen {
        Seen {
            status: case.status(),
            returns: case.return_count,
            reopens: case.reopen_count,
        }
    }

    /// Whether a card made when the case was `self` still applies to it as it is `now`.
    pub fn still_applies(self, now: Seen, same_status: bool) -> bool {
        self.returns == now.returns
            && self.reopens == now.reopens
            && (!same_status || self.status == now.status)
    }
}
