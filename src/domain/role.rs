//! Roles a person may hold, several at once.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 助企干部: reports and follows the problems of the enterprises paired with them.
    Cadre,
    /// 责任人: a department's officer who signs for, works and resolves cases.
    Officer,
    /// 活动办: confirms routing of new cases.
    Dispatcher,
    /// 领导: sees everything, supervises (督办), gets summaries.
    Leader,
    /// Runs the system.
    Admin,
    /// 乡镇负责人 / 联络员: follows the cases of the enterprises in their township (块).
    Township,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Cadre,
        Role::Officer,
        Role::Dispatcher,
        Role::Leader,
        Role::Admin,
        Role::Township,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Cadre => "cadre",
            Role::Officer => "officer",
            Role::Dispatcher => "dispatcher",
            Role::Leader => "leader",
            Role::Admin => "admin",
            Role::Township => "township",
        }
    }

    /// Parses a stored code or the Chinese name used in roster files.
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(s) || r.chinese_names().contains(&s))
    }

    fn chinese_names(self) -> &'static [&'static str] {
        match self {
            Role::Cadre => &["助企干部", "干部"],
            Role::Officer => &["责任人", "部门责任人"],
            Role::Dispatcher => &["活动办", "调度员"],
            Role::Leader => &["领导"],
            Role::Admin => &["管理员"],
            Role::Township => &["乡镇", "乡镇负责人", "联络员", "乡镇联络员"],
        }
    }
}

/// The set of roles a person holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roles(Vec<Role>);

/// Stored role codes, the unknown ones dropped (as the ledger's rows are read).
impl From<Vec<String>> for Roles {
    fn from(codes: Vec<String>) -> Roles {
        Roles::from_codes(&codes)
    }
}

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Roles {
        let mut v: Vec<Role> = roles.into_iter().collect();
        v.sort();
        v.dedup();
        Roles(v)
    }

    /// From stored codes; unknown codes are ignored (the database constraint forbids them).
    pub fn from_codes<S: AsRef<str>>(codes: &[S]) -> Roles {
        Roles::new(codes.iter().filter_map(|c| Role::parse(c.as_ref())))
    }

    pub fn codes(&self) -> Vec<String> {
        self.0.iter().map(|r| r.code().to_string()).collect()
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Leaders, dispatchers and admins see every case in the county.
    pub fn sees_everything(&self) -> bool {
        self.has(Role::Leader) || self.has(Role::Dispatcher) || self.has(Role::Admin)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
