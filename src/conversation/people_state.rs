//! The buttons of `/people` (an admin takes access away or makes an invite code) and of
//! handing over the work of someone who lost access.

use serde::{Deserialize, Serialize};

/// What `/people` can take away from a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Revocation {
    /// Unbind every messenger account of the person.
    Unbind,
    /// Deactivate the person.
    Deactivate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PeopleOp {
    /// Page `page` (from 0) of the roster, replacing the pressed message.
    Page { page: u32 },
    /// The first press: asks to confirm.
    Ask { person_id: i64, what: Revocation },
    /// The second press: does it (once).
    Confirm { person_id: i64, what: Revocation },
    /// An invite code for an unbound person: the unused one they have, or a new one.
    Invite { person_id: i64 },
}

/// Handing over someone's work: `from` is the person who lost access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ReassignOp {
    /// Which officer of the case's department should take the case?
    PickOfficer { case_id: i64, from: i64 },
    /// Give the case to this officer.
    ToOfficer { case_id: i64, from: i64, to: i64 },
    /// Which cadre should the enterprise be paired with?
    PickCadre { enterprise_id: i64, from: i64 },
    /// Pair the enterprise with this cadre.
    ToCadre {
        enterprise_id: i64,
        from: i64,
        to: i64,
    },
}
