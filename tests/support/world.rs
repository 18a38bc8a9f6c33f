//! A small county for a test, written through the store's own functions (the roster import's
//! writes, accounts, invites, cases), so tests say what their world holds, not how rows look.
//!
//! ```ignore
//! let ids = County::new(&db.pool)
//!     .township("T1", "马召镇")
//!     .department("D1", "县交通运输局", &[Category::Transport])
//!     .cadre("C1", "王建国")
//!     .officer("O1", "李科长", "D1")
//!     .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
//!     .account("C1", 7001)
//!     .build()
//!     .await;
//! let cadre = ids.id("C1");
//! ```

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

use zhuqi::domain::{Action, Actor, CaseStatus, Category, Difficulty, Role, Roles, Satisfaction};
use zhuqi::store::cases::{self, CaseRow, NewCase};
use zhuqi::store::invites::{self, InviteTarget};
use zhuqi::store::roster::{DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord};
use zhuqi::store::{accounts, departments, people, roster};

/// The transport every account the builder binds speaks through.
pub const TRANSPORT: &str = "telegram";

/// The county most walks through a case start from: 马召镇 (T1); the county transport bureau
/// (D1, routed transport problems) with its officer 李科长 (O1) as its default person; the cadre
/// 王建国 (C1) with the enterprise 秦岭猕猴桃合作社 (E1); and 赵活动 (S1) of the campaign office.
pub fn transport_county(pool: &PgPool) -> County<'_> {
    County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵活动")
        .officer("O1", "李科长", "D1")
        .default_assignee("D1", "O1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
}

/// What the county should hold; nothing is written until [`County::build`].
pub struct County<'a> {
    pool: &'a PgPool,
    now: DateTime<Utc>,
    townships: Vec<(String, String)>,
    departments: Vec<(String, String, Vec<Category>)>,
    people: Vec<(String, String, Vec<Role>, Option<String>)>,
    heads: Vec<(String, String)>,
    default_assignees: Vec<(String, String)>,
    enterprises: Vec<(String, String, String, Option<String>)>,
    accounts: Vec<(String, i64)>,
    /// The transport the accounts and group chats are bound on.
    transport: String,
    phones: HashMap<String, String>,
    /// Group chats bound to departments: (department, chat, title).
    groups: Vec<(String, i64, String)>,
    /// Township people (乡镇) and the township each follows: (person, township).
    places: Vec<(String, String)>,
}

/// The written county: every row's id by its code.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    ids: HashMap<String, i64>,
}

impl Ids {
    /// The transport county's cast (see [`transport_county`]): C1, S1, O1 and D1.
    pub fn cast(&self) -> Cast {
        Cast {
            cadre: self.id("C1"),
            dispatcher: self.id("S1"),
            officer: self.id("O1"),
            department: self.id("D1"),
        }
    }

    /// The id of the township, department, person or enterprise with this code, written by
    /// this build (codes written by an earlier build are resolved when referred to).
    pub fn id(&self, code: &str) -> i64 {
        *self
            .ids
            .get(code)
            .unwrap_or_else(|| panic!("the county holds nothing with code {code}"))
    }
}

impl<'a> County<'a> {
    pub fn new(pool: &'a PgPool) -> County<'a> {
        County {
            pool,
            now: Utc::now(),
            townships: Vec::new(),
            departments: Vec::new(),
            people: Vec::new(),
            heads: Vec::new(),
            default_assignees: Vec::new(),
            enterprises: Vec::new(),
            accounts: Vec::new(),
            transport: TRANSPORT.into(),
            phones: HashMap::new(),
            groups: Vec::new(),
            places: Vec::new(),
        }
    }

    /// The transport accounts and group chats are bound on ([`TRANSPORT`] by default).
    pub fn transport(mut self, transport: &str) -> Self {
        self.transport = transport.into();
        self
    }

    /// The person's phone number.
    pub fn phone(mut self, person: &str, phone: &str) -> Self {
        self.phones.insert(person.into(), phone.into());
        self
    }

    /// A department's work group chat, bound.
    pub fn group(mut self, department: &str, chat: i64, title: &str) -> Self {
        self.groups.push((department.into(), chat, title.into()));
        self
    }

    /// The instant the rows are written at (the present by default).
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    pub fn township(mut self, code: &str, name: &str) -> Self {
        self.townships.push((code.into(), name.into()));
        self
    }

    /// A department and the categories routed to it.
    pub fn department(mut self, code: &str, name: &str, routes: &[Category]) -> Self {
        self.departments
            .push((code.into(), name.into(), routes.to_vec()));
        self
    }

    /// A person with any roles, in the department with code `department` if any.
    pub fn person(
        mut self,
        code: &str,
        name: &str,
        roles: &[Role],
        department: Option<&str>,
    ) -> Self {
        self.people.push((
            code.into(),
            name.into(),
            roles.to_vec(),
            department.map(Into::into),
        ));
        self
    }

    pub fn cadre(self, code: &str, name: &str) -> Self {
        self.person(code, name, &[Role::Cadre], None)
    }

    pub fn dispatcher(self, code: &str, name: &str) -> Self {
        self.person(code, name, &[Role::Dispatcher], None)
    }

    pub fn leader(self, code: &str, name: &str) -> Self {
        self.person(code, name, &[Role::Leader], None)
    }

    pub fn officer(self, code: &str, name: &str, department: &str) -> Self {
        self.person(code, name, &[Role::Officer], Some(department))
    }

    /// A township's leader or liaison (乡镇), following the township with code `township`.
    pub fn township_person(mut self, code: &str, name: &str, township: &str) -> Self {
        self.places.push((code.into(), township.into()));
        self.person(code, name, &[Role::Township], None)
    }

    /// Names the department's head (a person of the county).
    pub fn head(mut self, department: &str, person: &str) -> Self {
        self.heads.push((department.into(), person.into()));
        self
    }

    /// Names who receives the department's cases by default.
    pub fn default_assignee(mut self, department: &str, person: &str) -> Self {
        self.default_assignees
            .push((department.into(), person.into()));
        self
    }

    /// An enterprise in a township, paired with a cadre (by codes).
    pub fn enterprise(mut self, code: &str, name: &str, township: &str, cadre: &str) -> Self {
        self.enterprises.push((
            code.into(),
            name.into(),
            township.into(),
            Some(cadre.into()),
        ));
        self
    }

    /// An enterprise no cadre is paired with.
    pub fn unpaired_enterprise(mut self, code: &str, name: &str, township: &str) -> Self {
        self.enterprises
            .push((code.into(), name.into(), township.into(), None));
        self
    }

    /// Binds the person's messenger account: user and private chat both `user`.
    pub fn account(mut self, person: &str, user: i64) -> Self {
        self.accounts.push((person.into(), user));
        self
    }

    /// Writes everything in one transaction, the way a roster import does.
    pub async fn build(self) -> Ids {
        let now = self.now;
        let mut tx = self.pool.begin().await.expect("begin");
        let conn = &mut *tx;
        roster::lock_roster(conn).await.expect("lock the roster");
        let mut ids = HashMap::new();
        for (code, name) in &self.townships {
            let r = TownshipRecord {
                code: code.clone(),
                name: name.clone(),
            };
            let id = roster::insert_record(conn, &r, false, now)
                .await
                .expect("insert township");
            ids.insert(code.clone(), id);
        }
        for (code, name, routes) in &self.departments {
            let r = DepartmentRecord {
                code: code.clone(),
                name: name.clone(),
                head_id: None,
                default_assignee_id: None,
            };
            let id = roster::insert_record(conn, &r, false, now)
                .await
                .expect("insert department");
            for category in routes {
                roster::route_category(conn, category.code(), id)
                    .await
                    .expect("route category");
            }
            ids.insert(code.clone(), id);
        }
        for (code, name, roles, department) in &self.people {
            let r = PersonRecord {
                code: code.clone(),
                name: name.clone(),
                phone: self.phones.get(code).cloned(),
                roles: Roles::new(roles.iter().copied()).codes(),
                department_id: match department {
                    Some(d) => Some(resolve(conn, &ids, Kind::Department, d).await),
                    None => None,
                },
                section_id: None,
                township_id: match self.places.iter().find(|(p, _)| p == code) {
                    Some((_, t)) => Some(resolve(conn, &ids, Kind::Township, t).await),
                    None => None,
                },
                locale: "zh-CN".into(),
            };
            let id = roster::insert_record(conn, &r, false, now)
                .await
                .expect("insert person");
            ids.insert(code.clone(), id);
        }
        for (department, person) in &self.heads {
            let (d, p) = (
                resolve(conn, &ids, Kind::Department, department).await,
                resolve(conn, &ids, Kind::Person, person).await,
            );
            roster::set_department_head(conn, d, p, now)
                .await
                .expect("name the head");
        }
        for (department, person) in &self.default_assignees {
            let (d, p) = (
                resolve(conn, &ids, Kind::Department, department).await,
                resolve(conn, &ids, Kind::Person, person).await,
            );
            roster::set_department_default_assignee(conn, d, p, now)
                .await
                .expect("name the default assignee");
        }
        for (code, name, township, cadre) in &self.enterprises {
            let r = EnterpriseRecord {
                code: code.clone(),
                name: name.clone(),
                kind: "enterprise".into(),
                township_id: resolve(conn, &ids, Kind::Township, township).await,
                industry: None,
                cadre_id: match cadre {
                    Some(c) => Some(resolve(conn, &ids, Kind::Person, c).await),
                    None => None,
                },
                contact_name: None,
                contact_phone: None,
            };
            let id = roster::insert_record(conn, &r, false, now)
                .await
                .expect("insert enterprise");
            ids.insert(code.clone(), id);
        }
        for (person, user) in &self.accounts {
            let p = resolve(conn, &ids, Kind::Person, person).await;
            accounts::bind(conn, p, &self.transport, *user, *user, None, now)
                .await
                .expect("bind account");
        }
        for (department, chat, title) in &self.groups {
            let d = resolve(conn, &ids, Kind::Department, department).await;
            departments::bind_group(conn, &self.transport, *chat, d, Some(title), now)
                .await
                .expect("bind group chat");
        }
        tx.commit().await.expect("commit the county");
        Ids { ids }
    }
}

/// The id of a row this build wrote or an earlier one did.
async fn resolve(
    conn: &mut sqlx::PgConnection,
    ids: &HashMap<String, i64>,
    kind: Kind,
    code: &str,
) -> i64 {
    if let Some(id) = ids.get(code) {
        return *id;
    }
    let found = match kind {
        Kind::Township => roster::township_id(conn, code).await,
        Kind::Department => roster::department_id(conn, code).await,
        Kind::Person => people::by_code(conn, code).await.map(|p| p.map(|p| p.id)),
    };
    found
        .expect("look the code up")
        .unwrap_or_else(|| panic!("the county holds no {kind:?} with code {code}"))
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Township,
    Department,
    Person,
}

/// Two townships, each with a cadre's enterprise, and a department to handle their cases:
/// 马召镇 (T1: 王建国's 秦岭猕猴桃合作社, E1) and 青岚镇 (T2: 周亮's 青岚茶厂, E2); the transport
/// bureau (D1) with its officer 李科长 (O1); the campaign office's 赵主任 (S1). Add to it.
pub fn two_townships(pool: &PgPool) -> County<'_> {
    County::new(pool)
        .township("T1", "马召镇")
        .township("T2", "青岚镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .cadre("C2", "周亮")
        .dispatcher("S1", "赵主任")
        .officer("O1", "李科长", "D1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .enterprise("E2", "青岚茶厂", "T2", "C2")
}

/// Who walks a case of `cadre`'s enterprise in `two_townships`: S1 dispatches to O1 of D1.
pub fn two_townships_cast(ids: &Ids, cadre: &str) -> Cast {
    Cast {
        cadre: ids.id(cadre),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    }
}

/// Binds a person's messenger account: user and private chat both `user`.
pub async fn bind_account(pool: &PgPool, person: i64, user: i64) {
    let mut conn = pool.acquire().await.expect("connection");
    accounts::bind(&mut conn, person, TRANSPORT, user, user, None, Utc::now())
        .await
        .expect("bind account");
}

/// An invite for a person or a department, valid for a day; returns its code.
pub async fn invite(pool: &PgPool, target: InviteTarget) -> String {
    let mut conn = pool.acquire().await.expect("connection");
    invites::create(&mut conn, target, Utc::now(), Duration::days(1))
        .await
        .expect("create invite")
}

/// The actor a person is, as the store sees them.
pub async fn actor(pool: &PgPool, person: i64) -> Actor {
    let mut conn = pool.acquire().await.expect("connection");
    let p = people::by_id(&mut conn, person)
        .await
        .expect("read person")
        .expect("no such person");
    p.actor()
}

/// Reports a case for an enterprise as `reporter`, then applies `actions` in turn, each by its
/// actor, through the same state machine the bot uses; returns the case as it ends.
pub async fn case(
    pool: &PgPool,
    reporter: i64,
    enterprise: i64,
    category: Category,
    description: &str,
    actions: &[(i64, Action)],
) -> CaseRow {
    let now = Utc::now();
    let mut tx = pool.begin().await.expect("begin");
    let who = actor(pool, reporter).await;
    let new = NewCase {
        enterprise_id: enterprise,
        category,
        difficulty: Difficulty::Simple,
        description: description.into(),
    };
    let mut row = cases::report(&mut tx, "ZQ", &who, &new, now, 2026)
        .await
        .expect("report the case");
    for (person, action) in actions {
        let who = actor(pool, *person).await;
        row = cases::act(&mut tx, row.id, &who, action, now)
            .await
            .expect("act on the case")
            .case;
    }
    tx.commit().await.expect("commit the case");
    row
}

/// Who walks a case through its states: the reporting cadre, the dispatcher, and the officer
/// (and their department) the case is dispatched to.
#[derive(Debug, Clone, Copy)]
pub struct Cast {
    pub cadre: i64,
    pub dispatcher: i64,
    pub officer: i64,
    pub department: i64,
}

/// A case for `enterprise` brought to `status` the way people would bring it there, each step
/// through the state machine (`store::cases::act`).
pub async fn case_in(pool: &PgPool, cast: Cast, enterprise: i64, status: CaseStatus) -> CaseRow {
    use CaseStatus::*;
    let deadline = Utc::now().date_naive() + Duration::days(14);
    let dispatch = (
        cast.dispatcher,
        Action::Dispatch {
            department_id: cast.department,
            assignee_id: Some(cast.officer),
            deadline,
        },
    );
    let accept = (cast.officer, Action::Accept);
    let progress = (
        cast.officer,
        Action::Progress {
            note: "正在办理".into(),
        },
    );
    let resolve = (
        cast.officer,
        Action::Resolve {
            answer: "已解决".into(),
        },
    );
    let confirm = (
        cast.cadre,
        Action::Confirm {
            satisfaction: Satisfaction::Satisfied,
            note: None,
            deadline: None,
        },
    );
    let steps: Vec<(i64, Action)> = match status {
        Reported => vec![],
        InfoRequested => vec![(
            cast.dispatcher,
            Action::RequestInfo {
                note: "请补充材料".into(),
            },
        )],
        Dispatched => vec![dispatch],
        Accepted => vec![dispatch, accept],
        InProgress => vec![dispatch, accept, progress],
        Resolved => vec![dispatch, accept, resolve],
        Closed => vec![dispatch, accept, resolve, confirm],
        Returned => vec![
            dispatch,
            (
                cast.officer,
                Action::Return {
                    reason: "不属于本部门".into(),
                },
            ),
        ],
    };
    let row = case(
        pool,
        cast.cadre,
        enterprise,
        Category::Transport,
        "道路施工影响运输",
        &steps,
    )
    .await;
    assert_eq!(row.status, status, "the case did not reach {status:?}");
    row
}

/// Keeps Telegram files with a case, sent by `person`: (kind, file id, file name).
pub async fn attach(
    pool: &PgPool,
    case_id: i64,
    person: i64,
    files: &[(&str, &str, Option<&str>)],
) {
    let mut conn = pool.acquire().await.expect("connection");
    for (kind, file_id, name) in files {
        let file = zhuqi::store::attachments::FileRef {
            kind: (*kind).into(),
            file_id: (*file_id).into(),
            file_unique_id: None,
            file_name: name.map(Into::into),
            mime_type: None,
            size_bytes: None,
            caption: None,
        };
        zhuqi::store::attachments::add(
            &mut conn,
            case_id,
            None,
            "telegram",
            &file,
            person,
            Utc::now(),
        )
        .await
        .expect("keep the file");
    }
}
