//! What the figures count and how that becomes SQL: a scope (whose cases), a filter, a window
//! of instants and the dimensions to group by, with the query fragments every figure shares.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Postgres, QueryBuilder};

use crate::domain::{Category, Role};
use crate::store::people::Person;

/// Whose cases a person may count: enforced in every query, whatever the filter says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Scope {
    /// Leaders, dispatchers and admins: every case.
    County,
    /// A department officer: the cases their department holds (or held, for events).
    Department(i64),
    /// A cadre: the cases of the enterprises paired with them.
    Cadre(i64),
    /// A township person (乡镇): the cases of the enterprises in the township.
    Township(i64),
}

impl Scope {
    /// The widest scope a person's roles give: the county for leaders, dispatchers and admins,
    /// then their department for officers, then their enterprises for cadres.
    pub fn for_person(person: &Person) -> Option<Scope> {
        if person.roles.sees_everything() {
            Some(Scope::County)
        } else if person.roles.has(Role::Officer)
            && let Some(d) = person.department_id
        {
            Some(Scope::Department(d))
        } else if person.roles.has(Role::Township)
            && let Some(t) = person.township_id
        {
            Some(Scope::Township(t))
        } else if person.roles.has(Role::Cadre) {
            Some(Scope::Cadre(person.id))
        } else {
            None
        }
    }
}

/// Optional narrowing of a summary; all set parts must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadre_id: Option<i64>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A dimension figures can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    Category,
    Department,
    Township,
    /// The cadre paired with the case's enterprise (as paired today).
    Cadre,
}

/// Which group a row of figures belongs to. `None` ids: no department yet, no cadre paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKey {
    Total,
    Category(Category),
    Department(Option<i64>),
    Township(Option<i64>),
    Cadre(Option<i64>),
}

/// What to count: a scope, a filter and a window of instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub scope: Scope,
    pub filter: Filter,
    pub window: Window,
}

/// A half-open span of instants `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The two tables a figure reads and how each names the dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// `report_facts f`
    Facts,
    /// `cases c`
    Cases,
}

impl Source {
    pub(crate) fn alias(self) -> &'static str {
        match self {
            Source::Facts => "f",
            Source::Cases => "c",
        }
    }
}

fn dim_expr(dim: Dim, source: Source) -> String {
    let a = source.alias();
    match dim {
        Dim::Category => format!("{a}.category"),
        Dim::Department => format!("{a}.department_id"),
        Dim::Township => format!("{a}.township_id"),
        Dim::Cadre => "e.cadre_id".to_string(),
    }
}

/// The select list that names the grouping set of each row, then the keys.
pub(crate) fn push_keys(qb: &mut QueryBuilder<Postgres>, dims: &[Dim], source: Source) {
    if dims.is_empty() {
        qb.push("select 0::int4 as set_bits");
    } else {
        let exprs: Vec<String> = dims.iter().map(|d| dim_expr(*d, source)).collect();
        qb.push(format!(
            "select grouping({})::int4 as set_bits",
            exprs.join(", ")
        ));
    }
    for (dim, name, null) in [
        (Dim::Category, "k_category", "null::text"),
        (Dim::Department, "k_department", "null::int8"),
        (Dim::Township, "k_township", "null::int8"),
        (Dim::Cadre, "k_cadre", "null::int8"),
    ] {
        if dims.contains(&dim) {
            qb.push(format!(", {} as {name}", dim_expr(dim, source)));
        } else {
            qb.push(format!(", {null} as {name}"));
        }
    }
}

pub(crate) fn push_from(
    qb: &mut QueryBuilder<Postgres>,
    table: &str,
    dims: &[Dim],
    source: Source,
) {
    qb.push(format!(" from {table} {}", source.alias()));
    if dims.contains(&Dim::Cadre) {
        qb.push(format!(
            " left join enterprises e on e.id = {}.enterprise_id",
            source.alias()
        ));
    }
}

pub(crate) fn push_group_by(qb: &mut QueryBuilder<Postgres>, dims: &[Dim], source: Source) {
    if dims.is_empty() {
        return;
    }
    let sets: Vec<String> = std::iter::once("()".to_string())
        .chain(dims.iter().map(|d| format!("({})", dim_expr(*d, source))))
        .collect();
    qb.push(format!(" group by grouping sets ({})", sets.join(", ")));
}

/// The scope and the filter, as conditions on a table with `category`, `department_id`,
/// `township_id` and `enterprise_id` columns.
pub(crate) fn push_conditions(
    qb: &mut QueryBuilder<Postgres>,
    source: Source,
    scope: Scope,
    filter: &Filter,
) {
    let a = source.alias();
    match scope {
        Scope::County => {}
        Scope::Department(d) => {
            qb.push(format!(" and {a}.department_id = ")).push_bind(d);
        }
        Scope::Cadre(p) => {
            qb.push(format!(
                " and {a}.enterprise_id in (select id from enterprises where cadre_id = "
            ))
            .push_bind(p)
            .push(")");
        }
        Scope::Township(t) => {
            qb.push(format!(" and {a}.township_id = ")).push_bind(t);
        }
    }
    if let Some(c) = filter.category {
        qb.push(format!(" and {a}.category = ")).push_bind(c.code());
    }
    if let Some(d) = filter.department_id {
        qb.push(format!(" and {a}.department_id = ")).push_bind(d);
    }
    if let Some(t) = filter.township_id {
        qb.push(format!(" and {a}.township_id = ")).push_bind(t);
    }
    if let Some(p) = filter.cadre_id {
        qb.push(format!(
            " and {a}.enterprise_id in (select id from enterprises where cadre_id = "
        ))
        .push_bind(p)
        .push(")");
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Keys {
    set_bits: i32,
    k_category: Option<String>,
    k_department: Option<i64>,
    k_township: Option<i64>,
    k_cadre: Option<i64>,
}

impl Keys {
    /// The group a row belongs to; `None` for an unknown stored category.
    pub(crate) fn key(&self, dims: &[Dim]) -> Option<GroupKey> {
        let n = dims.len();
        // grouping(): bit set = not grouped by that argument; the first argument is the highest bit.
        let grouped = dims
            .iter()
            .enumerate()
            .find(|(i, _)| self.set_bits & (1 << (n - 1 - i)) == 0)
            .map(|(_, d)| *d);
        match grouped {
            None => Some(GroupKey::Total),
            Some(Dim::Category) => self
                .k_category
                .as_deref()
                .and_then(Category::parse)
                .map(GroupKey::Category),
            Some(Dim::Department) => Some(GroupKey::Department(self.k_department)),
            Some(Dim::Township) => Some(GroupKey::Township(self.k_township)),
            Some(Dim::Cadre) => Some(GroupKey::Cadre(self.k_cadre)),
        }
    }
}
