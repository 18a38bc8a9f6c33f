//! The case ledger: the state machine per role (pure and through the store), working days,
//! roster import, invite codes, case numbers under concurrency, and the demo county.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use indicatif::ProgressBar;
use proptest::prelude::*;
use sqlx::PgPool;

use zhuqi::cli::ImportKind;
use zhuqi::config::Settings;
use zhuqi::demo::{self, DemoError};
use zhuqi::domain::case::apply;
use zhuqi::domain::{
    Action, Actor, CaseStatus, CaseView, Category, Difficulty, Role, Roles, Satisfaction,
    TransitionError, WorkCalendar,
};
use zhuqi::i18n::{Args, tr};
use zhuqi::roster::table::Table;
use zhuqi::roster::{
    ImportError, ImportReport, InviteCliError, InviteFor, RowProblem, import, make_invite,
};
use zhuqi::store::cases::{self, CaseError, NewCase};
use zhuqi::store::invites::{self, InviteError, InviteTarget};
use zhuqi::store::roster::{
    self as roster_store, DepartmentRecord, EnterpriseRecord, PersonRecord, TownshipRecord,
};
use zhuqi::testkit::TestDb;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
}

// ---------------------------------------------------------------------------------------------
// The state machine, per role.

/// Who is acting, relative to the case: its enterprise's cadre, another cadre, an officer of
/// the department holding it, an officer of another department, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Cadre,
    OtherCadre,
    Officer,
    OtherOfficer,
    Dispatcher,
    Leader,
    Admin,
    Stranger,
}

const EVERYONE: [Who; 8] = [
    Who::Cadre,
    Who::OtherCadre,
    Who::Officer,
    Who::OtherOfficer,
    Who::Dispatcher,
    Who::Leader,
    Who::Admin,
    Who::Stranger,
];

impl Who {
    fn roles(self) -> Roles {
        Roles::new(match self {
            Who::Cadre | Who::OtherCadre => vec![Role::Cadre],
            Who::Officer | Who::OtherOfficer => vec![Role::Officer],
            Who::Dispatcher => vec![Role::Dispatcher],
            Who::Leader => vec![Role::Leader],
            Who::Admin => vec![Role::Admin],
            Who::Stranger => vec![],
        })
    }
}

/// Every action, with notes, against the department `department_id`.
fn all_actions(department_id: i64, assignee_id: i64) -> Vec<Action> {
    vec![
        Action::RequestInfo {
            note: "请补充现场照片".into(),
        },
        Action::SupplyInfo {
            note: "已补充照片三张".into(),
        },
        Action::Dispatch {
            department_id,
            assignee_id: Some(assignee_id),
            deadline: d("2026-12-11"),
        },
        Action::Accept,
        Action::Return {
            reason: "不属于我局职责".into(),
        },
        Action::Progress {
            note: "已到现场查看".into(),
        },
        Action::Resolve {
            answer: "已协调解决".into(),
        },
        Action::Confirm {
            satisfaction: Satisfaction::Satisfied,
            note: Some("企业满意".into()),
        },
        Action::Confirm {
            satisfaction: Satisfaction::BasicallySatisfied,
            note: Some("基本解决".into()),
        },
        Action::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
            note: Some("只解决了一半".into()),
        },
        Action::Supervise {
            note: Some("请加快办理".into()),
        },
        Action::Note {
            note: "记录一下".into(),
        },
        Action::AddMilestone {
            title: "完成现场踏勘".into(),
            due_on: d("2026-12-04"),
        },
    ]
}

/// The rules of PRODUCT.md, written out independently of `domain::case`: who may do what, to
/// which case, in which status, and where it leads. Role is checked first, then scope, then
/// status.
fn expected(
    who: Who,
    status: CaseStatus,
    case_has_department: bool,
    action: &Action,
) -> Result<CaseStatus, TransitionError> {
    use CaseStatus::*;
    use Who::*;
    let open = [
        Reported,
        InfoRequested,
        Dispatched,
        Accepted,
        InProgress,
        Resolved,
        Returned,
    ];
    let dispatcher = matches!(who, Dispatcher | Admin);
    let officer = matches!(who, Officer | OtherOfficer);
    let cadre = matches!(who, Cadre | OtherCadre);
    // A case waiting for dispatch (new, with the cadre, returned) belongs to no department.
    let own_department = who == Officer && case_has_department && !status.is_awaiting_dispatch();
    let (role_ok, scope_ok, from, to): (bool, bool, &[CaseStatus], Option<CaseStatus>) =
        match action {
            Action::RequestInfo { .. } => {
                (dispatcher, true, &[Reported, Returned], Some(InfoRequested))
            }
            Action::SupplyInfo { .. } => (
                cadre || dispatcher,
                who == Cadre || dispatcher,
                &[InfoRequested],
                Some(Reported),
            ),
            Action::Dispatch { .. } => (
                dispatcher,
                true,
                &[Reported, Returned, Dispatched],
                Some(Dispatched),
            ),
            Action::Accept => (officer, own_department, &[Dispatched], Some(Accepted)),
            Action::Return { .. } => (
                officer,
                own_department,
                &[Dispatched, Accepted],
                Some(Returned),
            ),
            Action::Progress { .. } => (
                officer,
                own_department,
                &[Accepted, InProgress],
                Some(InProgress),
            ),
            Action::Resolve { .. } => (
                officer,
                own_department,
                &[Accepted, InProgress],
                Some(Resolved),
            ),
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                ..
            } => (cadre, who == Cadre, &[Resolved], Some(InProgress)),
            Action::Confirm { .. } => (cadre, who == Cadre, &[Resolved], Some(Closed)),
            Action::Supervise { .. } => (who == Leader, true, &open, None),
            Action::Note { .. } => (
                who != Stranger,
                matches!(who, Cadre | Dispatcher | Leader | Admin) || own_department,
                &open,
                None,
            ),
            Action::AddMilestone { .. } => (
                officer || dispatcher,
                dispatcher || own_department,
                &[Dispatched, Accepted, InProgress],
                None,
            ),
        };
    if !role_ok {
        Err(TransitionError::RoleNotAllowed)
    } else if !scope_ok {
        Err(TransitionError::OutOfScope)
    } else if !from.contains(&status) {
        Err(TransitionError::WrongStatus(status))
    } else {
        Ok(to.unwrap_or(status))
    }
}

/// The note an allowed action records.
fn note_of(action: &Action) -> Option<&str> {
    match action {
        Action::RequestInfo { note }
        | Action::SupplyInfo { note }
        | Action::Progress { note }
        | Action::Note { note } => Some(note),
        Action::Return { reason } => Some(reason),
        Action::Resolve { answer } => Some(answer),
        Action::Confirm { note, .. } | Action::Supervise { note } => note.as_deref(),
        Action::AddMilestone { title, .. } => Some(title),
        Action::Dispatch { .. } | Action::Accept => None,
    }
}

const CASE_CADRE: i64 = 1;
const RIGHT_DEPARTMENT: i64 = 10;

fn pure_actor(who: Who) -> Actor {
    let (id, department) = match who {
        Who::Cadre => (CASE_CADRE, None),
        Who::OtherCadre => (2, None),
        Who::Officer => (3, Some(RIGHT_DEPARTMENT)),
        Who::OtherOfficer => (4, Some(20)),
        Who::Dispatcher => (5, None),
        Who::Leader => (6, None),
        Who::Admin => (7, None),
        Who::Stranger => (8, None),
    };
    Actor {
        person_id: id,
        roles: who.roles(),
        department_id: department,
    }
}

#[test]
fn every_transition_is_allowed_or_refused_by_role_scope_and_status() {
    let mut allowed = 0;
    let mut refused = 0;
    for status in CaseStatus::ALL {
        for has_department in [true, false] {
            let case = CaseView {
                status,
                cadre_id: Some(CASE_CADRE),
                department_id: has_department.then_some(RIGHT_DEPARTMENT),
                assignee_id: Some(3),
            };
            for who in EVERYONE {
                for action in all_actions(RIGHT_DEPARTMENT, 3) {
                    let want = expected(who, status, has_department, &action);
                    let got = apply(&pure_actor(who), &case, &action);
                    match (&want, &got) {
                        (Ok(to), Ok(t)) => {
                            assert_eq!(t.to, *to, "{who:?} {action:?} from {status:?}");
                            assert_eq!(t.from, status);
                            assert_eq!(t.event_kind, action.event_kind());
                            assert_eq!(t.note.as_deref(), note_of(&action));
                            allowed += 1;
                        }
                        (Err(w), Err(g)) => {
                            assert_eq!(g, w, "{who:?} {action:?} from {status:?}");
                            refused += 1;
                        }
                        _ => panic!(
                            "{who:?} {action:?} from {status:?} (department: {has_department}): \
                             expected {want:?}, got {got:?}"
                        ),
                    }
                }
            }
        }
    }
    assert!(
        allowed > 50 && refused > 500,
        "{allowed} allowed, {refused} refused"
    );
}

#[test]
fn actions_that_need_words_refuse_blank_ones() {
    let officer = pure_actor(Who::Officer);
    let view = |status| CaseView {
        status,
        cadre_id: Some(CASE_CADRE),
        department_id: Some(RIGHT_DEPARTMENT),
        assignee_id: Some(3),
    };
    let blank = "  \n ".to_string();
    for (actor, status, action) in [
        (
            pure_actor(Who::Dispatcher),
            CaseStatus::Reported,
            Action::RequestInfo {
                note: blank.clone(),
            },
        ),
        (
            pure_actor(Who::Cadre),
            CaseStatus::InfoRequested,
            Action::SupplyInfo {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Dispatched,
            Action::Return {
                reason: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Accepted,
            Action::Progress {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::InProgress,
            Action::Resolve {
                answer: blank.clone(),
            },
        ),
        (
            pure_actor(Who::Cadre),
            CaseStatus::Resolved,
            Action::Confirm {
                satisfaction: Satisfaction::Unsatisfied,
                note: None,
            },
        ),
        (
            pure_actor(Who::Leader),
            CaseStatus::InProgress,
            Action::Note {
                note: blank.clone(),
            },
        ),
        (
            officer.clone(),
            CaseStatus::Accepted,
            Action::AddMilestone {
                title: blank.clone(),
                due_on: d("2026-12-01"),
            },
        ),
    ] {
        assert_eq!(
            apply(&actor, &view(status), &action),
            Err(TransitionError::NoteRequired),
            "{action:?}"
        );
    }
    // A satisfied confirmation needs no words; blank ones are not recorded.
    let t = apply(
        &pure_actor(Who::Cadre),
        &view(CaseStatus::Resolved),
        &Action::Confirm {
            satisfaction: Satisfaction::Satisfied,
            note: Some(blank),
        },
    )
    .unwrap();
    assert_eq!((t.to, t.note), (CaseStatus::Closed, None));
}

/// A small county in the database: one township, two departments, one person per `Who`, and
/// an enterprise paired with the cadre.
struct Fixture {
    people: Vec<(Who, Actor)>,
    right_department: i64,
    enterprise: i64,
}

impl Fixture {
    async fn new(pool: &PgPool) -> Fixture {
        let now = at("2026-11-02 01:00");
        let mut conn = pool.acquire().await.unwrap();
        let township = roster_store::insert_township(
            &mut conn,
            &TownshipRecord {
                code: "T1".into(),
                name: "青岚镇".into(),
            },
            false,
            now,
        )
        .await
        .unwrap();
        let mut departments = Vec::new();
        for code in ["FGJ", "GXJ"] {
            departments.push(
                roster_store::insert_department(
                    &mut conn,
                    &DepartmentRecord {
                        code: code.into(),
                        name: format!("{code} bureau"),
                        head_id: None,
                        default_assignee_id: None,
                    },
                    false,
                    now,
                )
                .await
                .unwrap(),
            );
        }
        let mut people = Vec::new();
        for (i, who) in EVERYONE.into_iter().enumerate() {
            let department = match who {
                Who::Officer => Some(departments[0]),
                Who::OtherOfficer => Some(departments[1]),
                _ => None,
            };
            let roles = who.roles();
            let id = roster_store::insert_person(
                &mut conn,
                &PersonRecord {
                    code: format!("P{i}"),
                    name: format!("{who:?}"),
                    phone: None,
                    roles: roles.codes(),
                    department_id: department,
                    section_id: None,
                    locale: "zh-CN".into(),
                },
                false,
                now,
            )
            .await
            .unwrap();
            people.push((
                who,
                Actor {
                    person_id: id,
                    roles,
                    department_id: department,
                },
            ));
        }
        let cadre_id = people[0].1.person_id;
        let enterprise = roster_store::insert_enterprise(
            &mut conn,
            &EnterpriseRecord {
                code: "E1".into(),
                name: "绿源食品有限公司".into(),
                kind: "enterprise".into(),
                township_id: township,
                industry: None,
                cadre_id: Some(cadre_id),
                contact_name: None,
                contact_phone: None,
            },
            false,
            now,
        )
        .await
        .unwrap();
        Fixture {
            people,
            right_department: departments[0],
            enterprise,
        }
    }

    fn actor(&self, who: Who) -> Actor {
        self.people
            .iter()
            .find(|(w, _)| *w == who)
            .map(|(_, a)| a.clone())
            .unwrap()
    }

    fn new_case(&self, description: &str) -> NewCase {
        NewCase {
            enterprise_id: self.enterprise,
            category: Category::Finance,
            difficulty: Difficulty::Moderate,
            description: description.into(),
        }
    }

    /// A case brought to `status` the way people would, through `cases::act`.
    async fn case_in(&self, pool: &PgPool, status: CaseStatus) -> i64 {
        use CaseStatus::*;
        let mut conn = pool.acquire().await.unwrap();
        let mut t = at("2026-11-02 02:00");
        let case = cases::report(
            &mut conn,
            "ZZ",
            &self.actor(Who::Cadre),
            &self.new_case("流动资金紧张，需要贷款"),
            t,
            2026,
        )
        .await
        .unwrap();
        let officer = self.actor(Who::Officer);
        let dispatch = Action::Dispatch {
            department_id: self.right_department,
            assignee_id: Some(officer.person_id),
            deadline: d("2026-11-16"),
        };
        let path: Vec<(Who, Action)> = match status {
            Reported => vec![],
            InfoRequested => vec![(
                Who::Dispatcher,
                Action::RequestInfo {
                    note: "请补充".into(),
                },
            )],
            Returned => vec![
                (Who::Dispatcher, dispatch),
                (
                    Who::Officer,
                    Action::Return {
                        reason: "不归我们".into(),
                    },
                ),
            ],
            _ => {
                let mut p = vec![(Who::Dispatcher, dispatch)];
                let rest = [
                    (Accepted, Action::Accept),
                    (
                        InProgress,
                        Action::Progress {
                            note: "办理中".into(),
                        },
                    ),
                    (
                        Resolved,
                        Action::Resolve {
                            answer: "已解决".into(),
                        },
                    ),
                    (
                        Closed,
                        Action::Confirm {
                            satisfaction: Satisfaction::Satisfied,
                            note: None,
                        },
                    ),
                ];
                for (reached, action) in rest {
                    if status == Dispatched {
                        break;
                    }
                    let who = if reached == Closed {
                        Who::Cadre
                    } else {
                        Who::Officer
                    };
                    p.push((who, action));
                    if reached == status {
                        break;
                    }
                }
                p
            }
        };
        for (who, action) in path {
            t += Duration::hours(1);
            cases::act(&mut conn, case.id, &self.actor(who), &action, t)
                .await
                .unwrap();
        }
        let row = cases::by_id(&mut conn, case.id).await.unwrap().unwrap();
        assert_eq!(row.status(), status);
        case.id
    }
}

#[tokio::test]
async fn the_store_applies_every_transition_per_role_and_records_its_event() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let fx = Fixture::new(pool).await;
    let now = at("2026-11-03 03:00");
    let mut allowed = 0;
    for status in CaseStatus::ALL {
        let case_id = fx.case_in(pool, status).await;
        for who in EVERYONE {
            let actor = fx.actor(who);
            for action in all_actions(fx.right_department, fx.actor(Who::Officer).person_id) {
                let mut tx = pool.begin().await.unwrap();
                let before = cases::events(&mut tx, case_id).await.unwrap();
                let case = cases::by_id(&mut tx, case_id).await.unwrap().unwrap();
                let want = expected(who, status, case.department_id.is_some(), &action);
                let got = cases::act(&mut tx, case_id, &actor, &action, now).await;
                let after = cases::events(&mut tx, case_id).await.unwrap();
                match (want, got) {
                    (Ok(to), Ok(acted)) => {
                        allowed += 1;
                        assert_eq!(acted.to, to);
                        assert_eq!(acted.case.status(), to);
                        assert_eq!(after.len(), before.len() + 1);
                        let event = after.last().unwrap();
                        assert_eq!(event.id, acted.event_id);
                        assert_eq!(event.kind, action.event_kind());
                        assert_eq!(event.actor_id, Some(actor.person_id));
                        assert_eq!(event.created_at, now);
                        assert_eq!(event.note.as_deref(), note_of(&action));
                        let moved = to != status;
                        assert_eq!(event.from_status.as_deref(), moved.then(|| status.code()));
                        assert_eq!(event.to_status.as_deref(), moved.then(|| to.code()));
                        check_side_effects(&mut tx, case_id, &action, &acted.case, now).await;
                    }
                    (Err(want), Err(CaseError::Refused(got))) => {
                        assert_eq!(got, want, "{who:?} {action:?} from {status:?}");
                        assert_eq!(after.len(), before.len(), "a refusal records nothing");
                        let unchanged = cases::by_id(&mut tx, case_id).await.unwrap().unwrap();
                        assert_eq!(unchanged, case);
                    }
                    (want, got) => {
                        panic!("{who:?} {action:?} from {status:?}: expected {want:?}, got {got:?}")
                    }
                }
                tx.rollback().await.unwrap();
            }
        }
    }
    assert!(allowed > 25, "{allowed}");
}

async fn check_side_effects(
    conn: &mut sqlx::PgConnection,
    case_id: i64,
    action: &Action,
    case: &cases::CaseRow,
    now: DateTime<Utc>,
) {
    match action {
        Action::Dispatch {
            department_id,
            assignee_id,
            deadline,
        } => {
            assert_eq!(case.department_id, Some(*department_id));
            assert_eq!(case.assignee_id, *assignee_id);
            assert_eq!(case.deadline, Some(*deadline));
            assert_eq!(case.dispatched_at, Some(now));
            assert_eq!(case.accepted_at, None);
        }
        Action::Accept => assert_eq!(case.accepted_at, Some(now)),
        Action::Return { .. } => assert!(case.return_count >= 1),
        Action::Resolve { answer } => {
            assert_eq!(case.resolved_at, Some(now));
            assert_eq!(case.resolution.as_deref(), Some(answer.as_str()));
        }
        Action::Confirm { satisfaction, .. } => {
            assert_eq!(case.satisfaction.as_deref(), Some(satisfaction.code()));
            if *satisfaction == Satisfaction::Unsatisfied {
                assert_eq!((case.closed_at, case.resolved_at), (None, None));
                assert_eq!(case.reopen_count, 1);
            } else {
                assert_eq!(case.closed_at, Some(now));
            }
        }
        Action::Supervise { note } => {
            assert!(case.supervised_at.is_some());
            let orders: Vec<Option<String>> =
                sqlx::query_scalar("select note from supervision_orders where case_id = $1")
                    .bind(case_id)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            assert_eq!(orders, vec![note.clone()]);
        }
        Action::AddMilestone { title, due_on } => {
            let rows: Vec<(String, NaiveDate)> =
                sqlx::query_as("select title, due_on from milestones where case_id = $1")
                    .bind(case_id)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            assert_eq!(rows, vec![(title.clone(), *due_on)]);
        }
        Action::RequestInfo { .. }
        | Action::SupplyInfo { .. }
        | Action::Progress { .. }
        | Action::Note { .. } => {}
    }
}

#[tokio::test]
async fn only_the_paired_cadre_a_dispatcher_or_an_admin_may_report() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.pool).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = at("2026-11-02 03:00");
    for who in EVERYONE {
        let result = cases::report(
            &mut conn,
            "ZZ",
            &fx.actor(who),
            &fx.new_case("厂区道路破损"),
            now,
            2026,
        )
        .await;
        match who {
            Who::Cadre | Who::Dispatcher | Who::Admin => {
                let case = result.unwrap();
                assert_eq!(case.status(), CaseStatus::Reported);
                let events = cases::events(&mut conn, case.id).await.unwrap();
                assert_eq!(events.len(), 1);
                assert_eq!(events[0].kind, "reported");
                assert_eq!(events[0].to_status.as_deref(), Some("reported"));
                assert_eq!(events[0].actor_id, Some(fx.actor(who).person_id));
            }
            Who::OtherCadre => assert!(matches!(
                result,
                Err(CaseError::Refused(TransitionError::OutOfScope))
            )),
            _ => assert!(
                matches!(
                    result,
                    Err(CaseError::Refused(TransitionError::RoleNotAllowed))
                ),
                "{who:?}"
            ),
        }
    }
    let blank = cases::report(
        &mut conn,
        "ZZ",
        &fx.actor(Who::Cadre),
        &fx.new_case("   "),
        now,
        2026,
    )
    .await;
    assert!(matches!(
        blank,
        Err(CaseError::Refused(TransitionError::NoteRequired))
    ));
}

#[tokio::test]
async fn concurrent_reports_get_unique_sequential_numbers() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.pool).await;
    let cadre = fx.actor(Who::Cadre);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let pool = db.pool.clone();
        let cadre = cadre.clone();
        let new = fx.new_case(&format!("第{i}个问题：贷款"));
        tasks.push(tokio::spawn(async move {
            let mut tx = pool.begin().await.unwrap();
            let case = cases::report(&mut tx, "ZZ", &cadre, &new, at("2026-11-02 03:00"), 2026)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            case.number
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort();
    let want: Vec<String> = (1..=20).map(|n| format!("ZZ-2026-{n:04}")).collect();
    assert_eq!(numbers, want);
    // A new year starts again at 1.
    let mut conn = db.pool.acquire().await.unwrap();
    let next = cases::report(
        &mut conn,
        "ZZ",
        &cadre,
        &fx.new_case("新年第一件"),
        at("2027-01-04 01:00"),
        2027,
    )
    .await
    .unwrap();
    assert_eq!(next.number, "ZZ-2027-0001");
}

// ---------------------------------------------------------------------------------------------
// Working days.

/// National Day 2026 as the State Council might list it: a week off, a Saturday worked.
const GOLDEN_WEEK: &str = "\u{feff}# 2026 国庆\n\n2026-10-01..2026-10-07 off 国庆节\n2026-10-10 work 国庆调休 # 周六上班\n";

#[test]
fn deadlines_skip_weekends() {
    let cal = WorkCalendar::weekends_only();
    // 2026-11-27 is a Friday.
    assert_eq!(cal.add_working_days(d("2026-11-27"), 1), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-28"), 1), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-23"), 10), d("2026-12-07"));
    assert_eq!(cal.add_working_days(d("2026-11-28"), 0), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-27"), 0), d("2026-11-27"));
    assert_eq!(
        cal.working_days_between(d("2026-11-27"), d("2026-11-30")),
        1
    );
    assert_eq!(
        cal.working_days_between(d("2026-11-28"), d("2026-11-29")),
        0
    );
}

#[test]
fn deadlines_skip_holidays_and_count_make_up_days() {
    let cal = WorkCalendar::parse(GOLDEN_WEEK).unwrap();
    assert!(!cal.is_working_day(d("2026-10-01")));
    assert!(!cal.is_working_day(d("2026-10-07")));
    assert!(cal.is_working_day(d("2026-10-08")));
    assert!(cal.is_working_day(d("2026-10-10")), "the make-up Saturday");
    assert!(!cal.is_working_day(d("2026-10-11")), "an ordinary Sunday");
    // Dispatched on Wednesday 30 September with one working day: due Thursday 8 October.
    assert_eq!(cal.add_working_days(d("2026-09-30"), 1), d("2026-10-08"));
    // Three: the 8th, the 9th and the make-up Saturday the 10th.
    assert_eq!(cal.add_working_days(d("2026-09-30"), 3), d("2026-10-10"));
    assert_eq!(cal.add_working_days(d("2026-09-30"), 4), d("2026-10-12"));
    assert_eq!(cal.add_working_days(d("2026-10-03"), 0), d("2026-10-08"));
    assert_eq!(
        cal.working_days_between(d("2026-09-30"), d("2026-10-12")),
        4
    );
    assert_eq!(
        cal.working_days_between(d("2026-10-12"), d("2026-09-30")),
        -4
    );
}

#[test]
fn the_shipped_calendar_invents_no_dates() {
    let text = std::fs::read_to_string("config/calendar.txt").unwrap();
    assert_eq!(
        WorkCalendar::parse(&text).unwrap(),
        WorkCalendar::weekends_only()
    );
}

#[test]
fn calendar_errors_name_their_line() {
    let cases: [(&str, usize); 7] = [
        ("2026-10-01 holiday", 1),
        ("# c\n\n2026-10-01 off\n2026-13-01 off\n", 4),
        (
            "\u{feff}2026-10-01 off\n  # indented comment\n2026-10-02\n",
            3,
        ),
        ("2026-10-01 off\n2026-10-05..2026-10-01 off", 2),
        ("2026-10-01..2026-10-03 off\n\n\n2026-10-02 work", 4),
        ("2026-01-01..2027-06-01 off", 1),
        ("2026-10-01 off\n2026/10/02 off", 2),
    ];
    for (text, line) in cases {
        let err = WorkCalendar::parse(text).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err.to_string().starts_with(&format!("line {line}:")));
    }
    // Chinese keywords and trailing notes are fine.
    assert!(WorkCalendar::parse("2026-10-01 休 国庆\n2026-10-10 班 调休").is_ok());
}

/// A calendar of up to 80 random holidays and make-up days over two years from 2026-01-01.
fn random_calendar() -> impl Strategy<Value = WorkCalendar> {
    prop::collection::btree_map(0u64..730, any::<bool>(), 0..80).prop_map(|days| {
        let text: String = days
            .iter()
            .map(|(offset, work)| {
                let day = d("2026-01-01") + chrono::Days::new(*offset);
                format!("{day} {}\n", if *work { "work" } else { "off" })
            })
            .collect();
        WorkCalendar::parse(&text).unwrap()
    })
}

proptest! {
    #[test]
    fn adding_working_days_never_lands_on_a_day_off(
        cal in random_calendar(),
        start in 0u64..800,
        n in 1u32..150,
    ) {
        let start = d("2025-12-01") + chrono::Days::new(start);
        let due = cal.add_working_days(start, n);
        prop_assert!(cal.is_working_day(due));
        prop_assert!(due > start);
        prop_assert_eq!(cal.working_days_between(start, due), i64::from(n));
        prop_assert_eq!(cal.working_days_between(due, start), -i64::from(n));
        let first = cal.add_working_days(start, 0);
        prop_assert!(cal.is_working_day(first) && first >= start);
    }

    #[test]
    fn the_calendar_parser_never_panics(text in "(20[0-9]{2}-[01][0-9]-[0-3][0-9](\\.\\.20[0-9]{2}-[01][0-9]-[0-3][0-9])? (off|work|休|班|x)? ?[^\\n]{0,8}\\n){0,6}|\\PC{0,200}") {
        let _ = WorkCalendar::parse(&text);
    }

    #[test]
    fn the_roster_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), text in "(code|name|编码|名称|,|\"|\\n|\\r|T1|青岚镇| ){0,60}") {
        for kind in [ImportKind::Townships, ImportKind::Departments, ImportKind::People, ImportKind::Enterprises] {
            let _ = Table::read(kind, &bytes);
            let _ = Table::read(kind, text.as_bytes());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Roster import.

const TOWNSHIPS_CSV: &str = "code,name\nT1,青岚镇\nT2,柳溪镇\n";
const DEPARTMENTS_CSV: &str = "code,name,categories,sections\n\
FGJ,县发展和改革局,重点项目,xm=重点项目办;tz=投资科\n\
JRB,县金融工作服务中心,finance|科技,xd=信贷协调科\n";
const PEOPLE_CSV: &str = "code,name,roles,phone,department,section,language,head_of,default_for\n\
C1,王明远,助企干部,13800000001,,,,,\n\
O1,李晓岚,责任人、cadre,029-8765 4321,FGJ,xm,English,,FGJ\n\
H1,张建峰,活动办|officer,,FGJ,投资科,中文,FGJ,\n\
D1,刘雅婷,活动办;领导,,,,,,\n";
const ENTERPRISES_CSV: &str = "code,name,township,kind,industry,cadre,contact,contact_phone\n\
E1,绿源食品有限公司,T1,企业,食品加工,C1,赵六,13900000001\n\
E2,\"青岚镇物流园项目, 二期\",T2,项目单位,物流,O1,,\n";

/// The same roster with Chinese headers, a byte-order mark and Windows line ends, as Excel saves it.
fn chinese(kind: ImportKind) -> String {
    let text = match kind {
        ImportKind::Townships => "编码,名称\nT1,青岚镇\nT2,柳溪镇\n",
        ImportKind::Departments => {
            "编码,名称,负责类别,科室\n\
FGJ,县发展和改革局,重点项目,xm=重点项目办;tz=投资科\n\
JRB,县金融工作服务中心,金融、科技,xd=信贷协调科\n"
        }
        ImportKind::People => {
            "编码,姓名,角色,电话,部门,科室,语言,负责部门,默认责任部门\n\
C1,王明远,助企干部,13800000001,,,,,\n\
O1,李晓岚,责任人、助企干部,029-8765 4321,FGJ,xm,English,,FGJ\n\
H1,张建峰,dispatcher、责任人,,FGJ,投资科,中文,FGJ,\n\
D1,刘雅婷,活动办、领导,,,,,,\n"
        }
        ImportKind::Enterprises => {
            "编码,名称,乡镇,类型,行业,助企干部,联系人,联系电话\n\
E1,绿源食品有限公司,T1,企业,食品加工,C1,赵六,13900000001\n\
E2,\"青岚镇物流园项目, 二期\",T2,项目单位,物流,O1,,\n"
        }
    };
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

const KINDS: [ImportKind; 4] = [
    ImportKind::Townships,
    ImportKind::Departments,
    ImportKind::People,
    ImportKind::Enterprises,
];

fn english(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Townships => TOWNSHIPS_CSV,
        ImportKind::Departments => DEPARTMENTS_CSV,
        ImportKind::People => PEOPLE_CSV,
        ImportKind::Enterprises => ENTERPRISES_CSV,
    }
}

async fn import_text(
    pool: &PgPool,
    kind: ImportKind,
    text: &str,
) -> Result<ImportReport, ImportError> {
    import_bytes(pool, kind, text.as_bytes()).await
}

async fn import_bytes(
    pool: &PgPool,
    kind: ImportKind,
    bytes: &[u8],
) -> Result<ImportReport, ImportError> {
    import(
        pool,
        kind,
        bytes,
        at("2026-11-02 01:00"),
        &ProgressBar::hidden(),
        0,
    )
    .await
}

/// Everything the roster holds, as text, to compare two imports.
async fn roster_snapshot(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select 't ' || code || ' ' || name from townships \
         union all select 'd ' || d.code || ' ' || d.name || ' head=' || coalesce(h.code, '-') || ' default=' || coalesce(a.code, '-') \
           from departments d left join people h on h.id = d.head_id left join people a on a.id = d.default_assignee_id \
         union all select 's ' || d.code || ' ' || s.code || ' ' || s.name from sections s join departments d on d.id = s.department_id \
         union all select 'r ' || r.category || ' ' || d.code from category_routes r join departments d on d.id = r.department_id \
         union all select 'p ' || p.code || ' ' || p.name || ' ' || coalesce(p.phone, '-') || ' ' || array_to_string(p.roles, '+') \
           || ' ' || coalesce(d.code, '-') || ' ' || coalesce(s.code, '-') || ' ' || p.locale \
           from people p left join departments d on d.id = p.department_id left join sections s on s.id = p.section_id \
         union all select 'e ' || e.code || ' ' || e.name || ' ' || e.kind || ' ' || t.code || ' ' || coalesce(e.industry, '-') \
           || ' ' || coalesce(c.code, '-') || ' ' || coalesce(e.contact_name, '-') || ' ' || coalesce(e.contact_phone, '-') \
           from enterprises e join townships t on t.id = e.township_id left join people c on c.id = e.cadre_id \
         order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn import_roster(pool: &PgPool, text: impl Fn(ImportKind) -> String) {
    for kind in KINDS {
        let report = import_text(pool, kind, &text(kind)).await.unwrap();
        assert_eq!(report.inserted, report.rows, "{kind:?}");
    }
}

#[tokio::test]
async fn a_whole_roster_imports_with_english_headers() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let want = [
        "d FGJ 县发展和改革局 head=H1 default=O1",
        "d JRB 县金融工作服务中心 head=- default=-",
        "e E1 绿源食品有限公司 enterprise T1 食品加工 C1 赵六 13900000001",
        "e E2 青岚镇物流园项目, 二期 project T2 物流 O1 - -",
        "p C1 王明远 13800000001 cadre - - zh-CN",
        "p D1 刘雅婷 - dispatcher+leader - - zh-CN",
        "p H1 张建峰 - officer+dispatcher FGJ tz zh-CN",
        "p O1 李晓岚 029-8765 4321 cadre+officer FGJ xm en",
        "r finance JRB",
        "r key_project FGJ",
        "r technology JRB",
        "s FGJ tz 投资科",
        "s FGJ xm 重点项目办",
        "s JRB xd 信贷协调科",
        "t T1 青岚镇",
        "t T2 柳溪镇",
    ];
    assert_eq!(roster_snapshot(&db.pool).await, want);
}

#[tokio::test]
async fn chinese_headers_a_byte_order_mark_and_windows_line_ends_import_the_same() {
    let english_db = TestDb::new().await;
    import_roster(&english_db.pool, |k| english(k).to_string()).await;
    let chinese_db = TestDb::new().await;
    import_roster(&chinese_db.pool, chinese).await;
    assert_eq!(
        roster_snapshot(&chinese_db.pool).await,
        roster_snapshot(&english_db.pool).await
    );
}

#[tokio::test]
async fn re_importing_the_same_files_changes_nothing() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let before = roster_snapshot(&db.pool).await;
    let stamps = "select string_agg(code || updated_at::text, ',' order by code) from \
        (select code, updated_at from townships union all select code, updated_at from departments \
         union all select code, updated_at from people union all select code, updated_at from enterprises) x";
    let stamps_before: String = sqlx::query_scalar(stamps)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    for kind in KINDS {
        let report = import(
            &db.pool,
            kind,
            chinese(kind).as_bytes(),
            at("2026-11-20 01:00"),
            &ProgressBar::hidden(),
            0,
        )
        .await
        .unwrap();
        assert_eq!(
            (report.inserted, report.updated, report.unchanged),
            (0, 0, report.rows),
            "{kind:?}"
        );
    }
    assert_eq!(roster_snapshot(&db.pool).await, before);
    let stamps_after: String = sqlx::query_scalar(stamps)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        stamps_after, stamps_before,
        "unchanged rows keep updated_at"
    );

    // One changed row is one update.
    let changed = TOWNSHIPS_CSV.replace("柳溪镇", "柳溪街道");
    let report = import_text(&db.pool, ImportKind::Townships, &changed)
        .await
        .unwrap();
    assert_eq!(
        (report.inserted, report.updated, report.unchanged),
        (0, 1, 1)
    );
}

#[tokio::test]
async fn a_column_the_file_lacks_leaves_stored_values_alone() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let before = roster_snapshot(&db.pool).await;
    let report = import_text(
        &db.pool,
        ImportKind::People,
        "code,name,roles\nO1,李晓岚,officer;cadre\n",
    )
    .await
    .unwrap();
    assert_eq!(
        report.unchanged, 1,
        "phone, department, section, language kept"
    );
    let report = import_text(
        &db.pool,
        ImportKind::Enterprises,
        "code,name,township\nE1,绿源食品有限公司,T1\n",
    )
    .await
    .unwrap();
    assert_eq!(
        report.unchanged, 1,
        "kind, industry, cadre and contact kept"
    );
    assert_eq!(roster_snapshot(&db.pool).await, before);
    // An empty cell in a column the file has clears the value.
    import_text(
        &db.pool,
        ImportKind::Enterprises,
        "code,name,township,contact,contact_phone\nE1,绿源食品有限公司,T1,,\n",
    )
    .await
    .unwrap();
    let contact: (Option<String>, Option<String>) =
        sqlx::query_as("select contact_name, contact_phone from enterprises where code = 'E1'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(contact, (None, None));
}

#[tokio::test]
async fn one_bad_row_means_nothing_is_imported() {
    let db = TestDb::new().await;
    let err = import_text(
        &db.pool,
        ImportKind::Townships,
        "code,name\nT1,青岚镇\nT2,柳溪镇\nT3,\nT4,石门镇\n",
    )
    .await
    .unwrap_err();
    let ImportError::BadRows(rows) = err else {
        panic!("{err:?}")
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 4);
    let count: i64 = sqlx::query_scalar("select count(*) from townships")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);

    // Nor is anything changed in a roster that exists.
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let before = roster_snapshot(&db.pool).await;
    let err = import_text(
        &db.pool,
        ImportKind::People,
        "code,name,roles\nC1,王明远改名,cadre\nNEW,新人,cadre\nBAD,坏行,县长\n",
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ImportError::BadRows(ref r) if r.len() == 1 && r[0].line == 4));
    assert_eq!(roster_snapshot(&db.pool).await, before);
}

/// Renders `key` with string and number arguments in `locale`.
fn message(
    locale: &str,
    key: &str,
    strs: &[(&'static str, &str)],
    nums: &[(&'static str, u64)],
) -> String {
    let mut args = Args::new();
    for (k, v) in strs {
        args = args.str(k, v);
    }
    for (k, v) in nums {
        args = args.num(k, *v as f64);
    }
    tr(locale, key, args)
}

struct BadRowCase {
    kind: ImportKind,
    csv: String,
    line: u64,
    problem: RowProblem,
    key: &'static str,
    strs: Vec<(&'static str, &'static str)>,
    nums: Vec<(&'static str, u64)>,
}

fn bad(
    kind: ImportKind,
    csv: &str,
    line: u64,
    problem: RowProblem,
    key: &'static str,
    strs: &[(&'static str, &'static str)],
    nums: &[(&'static str, u64)],
) -> BadRowCase {
    BadRowCase {
        kind,
        csv: csv.to_string(),
        line,
        problem,
        key,
        strs: strs.to_vec(),
        nums: nums.to_vec(),
    }
}

#[tokio::test]
async fn every_kind_of_bad_row_is_reported_with_its_line_and_reason() {
    use ImportKind::*;
    use RowProblem::*;
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let s = |v: &str| v.to_string();
    let long_name = "长".repeat(201);
    let cases = vec![
        bad(
            Townships,
            "code,name\nT5,\n",
            2,
            Missing { column: s("name") },
            "import-error-missing",
            &[("column", "name")],
            &[],
        ),
        bad(
            Townships,
            "编码,名称\n,青岚镇\n",
            2,
            Missing {
                column: s("编码")
            },
            "import-error-missing",
            &[("column", "编码")],
            &[],
        ),
        bad(
            Townships,
            "code,name\nT 5,青岚镇\n",
            2,
            BadCode { value: s("T 5") },
            "import-error-bad-code",
            &[("value", "T 5")],
            &[],
        ),
        bad(
            Townships,
            "code,name\nT5,甲\n\nT5,乙\n",
            4,
            DuplicateCode {
                code: s("T5"),
                first_line: 2,
            },
            "import-error-duplicate-code",
            &[("code", "T5")],
            &[("first", 2)],
        ),
        bad(
            Townships,
            &format!("code,name\nT5,{long_name}\n"),
            2,
            TooLong {
                column: s("name"),
                max: 200,
            },
            "import-error-too-long",
            &[("column", "name")],
            &[("max", 200)],
        ),
        bad(
            Departments,
            "code,name,categories\nX1,某局,农业\n",
            2,
            BadCategory { value: s("农业") },
            "import-error-bad-category",
            &[("value", "农业")],
            &[],
        ),
        bad(
            Departments,
            "code,name,categories\nX1,某局,金融\nX2,另一局,finance\n",
            3,
            CategoryTwice {
                category: s("finance"),
                first_line: 2,
            },
            "import-error-category-twice",
            &[("category", "finance")],
            &[("first", 2)],
        ),
        bad(
            Departments,
            "code,name,sections\nX1,某局,=综合科\n",
            2,
            BadSection {
                value: s("=综合科"),
            },
            "import-error-bad-section",
            &[("value", "=综合科")],
            &[],
        ),
        bad(
            Departments,
            "code,name,head\nX1,某局,NOBODY\n",
            2,
            UnknownPerson { code: s("NOBODY") },
            "import-error-unknown-person",
            &[("code", "NOBODY")],
            &[],
        ),
        bad(
            Departments,
            "code,name,default_assignee\nFGJ,县发展和改革局,C1\n",
            2,
            NotOfficerOf {
                person: s("C1"),
                department: s("FGJ"),
            },
            "import-error-not-officer-of",
            &[("person", "C1"), ("department", "FGJ")],
            &[],
        ),
        bad(
            People,
            "code,name,roles\nP9,某人,县长\n",
            2,
            BadRole { value: s("县长") },
            "import-error-bad-role",
            &[("value", "县长")],
            &[],
        ),
        bad(
            People,
            "code,name,roles\nP9,某人,\n",
            2,
            NoRoles,
            "import-error-no-roles",
            &[],
            &[],
        ),
        bad(
            People,
            "code,name,roles,phone\nP9,某人,cadre,12345\n",
            2,
            BadPhone { value: s("12345") },
            "import-error-bad-phone",
            &[("value", "12345")],
            &[],
        ),
        bad(
            People,
            "code,name,roles,department\nP9,某人,officer,NOPE\n",
            2,
            UnknownDepartment { code: s("NOPE") },
            "import-error-unknown-department",
            &[("code", "NOPE")],
            &[],
        ),
        bad(
            People,
            "code,name,roles,department\nP9,某人,officer,\n",
            2,
            OfficerWithoutDepartment,
            "import-error-officer-without-department",
            &[],
            &[],
        ),
        bad(
            People,
            "code,name,roles,department,section\nP9,某人,officer,FGJ,没有的科\n",
            2,
            UnknownSection {
                section: s("没有的科"),
                department: s("FGJ"),
            },
            "import-error-unknown-section",
            &[("section", "没有的科"), ("department", "FGJ")],
            &[],
        ),
        bad(
            People,
            "code,name,roles,section\nP9,某人,cadre,xm\n",
            2,
            SectionWithoutDepartment { section: s("xm") },
            "import-error-section-without-department",
            &[("section", "xm")],
            &[],
        ),
        bad(
            People,
            "code,name,roles,language\nP9,某人,cadre,fr\n",
            2,
            BadLanguage { value: s("fr") },
            "import-error-bad-language",
            &[("value", "fr")],
            &[],
        ),
        bad(
            People,
            "code,name,roles,head_of\nP8,甲,cadre,FGJ\nP9,乙,cadre,FGJ\n",
            3,
            AssignedTwice {
                department: s("FGJ"),
                first_line: 2,
            },
            "import-error-assigned-twice",
            &[("department", "FGJ")],
            &[("first", 2)],
        ),
        bad(
            People,
            "code,name,roles,department,default_for\nP9,某人,officer,JRB,FGJ\n",
            2,
            NotOfficerOf {
                person: s("P9"),
                department: s("FGJ"),
            },
            "import-error-not-officer-of",
            &[("person", "P9"), ("department", "FGJ")],
            &[],
        ),
        bad(
            Enterprises,
            "code,name,township\nE9,某企业,T9\n",
            2,
            UnknownTownship { code: s("T9") },
            "import-error-unknown-township",
            &[("code", "T9")],
            &[],
        ),
        bad(
            Enterprises,
            "code,name,township,cadre\nE9,某企业,T1,D1\n",
            2,
            NotACadre { code: s("D1") },
            "import-error-not-a-cadre",
            &[("code", "D1")],
            &[],
        ),
        bad(
            Enterprises,
            "code,name,township,cadre\nE9,某企业,T1,NOBODY\n",
            2,
            UnknownPerson { code: s("NOBODY") },
            "import-error-unknown-person",
            &[("code", "NOBODY")],
            &[],
        ),
        bad(
            Enterprises,
            "code,name,township,kind\nE9,某企业,T1,工厂\n",
            2,
            BadKind { value: s("工厂") },
            "import-error-bad-kind",
            &[("value", "工厂")],
            &[],
        ),
        bad(
            Enterprises,
            "code,name,township,contact_phone\nE9,某企业,T1,电话\n",
            2,
            BadPhone { value: s("电话") },
            "import-error-bad-phone",
            &[("value", "电话")],
            &[],
        ),
    ];
    let before = roster_snapshot(&db.pool).await;
    for case in cases {
        let err = import_text(&db.pool, case.kind, &case.csv)
            .await
            .unwrap_err();
        let ImportError::BadRows(rows) = &err else {
            panic!("{}: {err:?}", case.csv)
        };
        assert_eq!(rows.len(), 1, "{}: {rows:?}", case.csv);
        assert_eq!(rows[0].line, case.line, "{}", case.csv);
        assert_eq!(rows[0].problem, case.problem, "{}", case.csv);
        for locale in ["zh-CN", "en"] {
            let reason = message(locale, case.key, &case.strs, &case.nums);
            let want = tr(
                locale,
                "import-row-error",
                Args::new()
                    .num("line", case.line as f64)
                    .html("reason", reason),
            );
            assert_eq!(rows[0].message(locale), want);
            let lines = err.messages(locale);
            assert_eq!(lines[0], want);
            assert_eq!(
                lines[1],
                message(locale, "import-failed", &[], &[("count", 1)])
            );
        }
    }
    assert_eq!(roster_snapshot(&db.pool).await, before);
}

#[tokio::test]
async fn every_bad_row_of_a_file_is_reported_not_just_the_first() {
    let db = TestDb::new().await;
    import_text(&db.pool, ImportKind::Townships, TOWNSHIPS_CSV)
        .await
        .unwrap();
    let err = import_text(
        &db.pool,
        ImportKind::Enterprises,
        "code,name,township\nE1,甲,T1\nE2,,T1\nE3,丙,T9\nE1,丁,T2\n",
    )
    .await
    .unwrap_err();
    let ImportError::BadRows(rows) = err else {
        panic!("{err:?}")
    };
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5]);
}

#[tokio::test]
async fn file_level_problems_are_explained() {
    let db = TestDb::new().await;
    let gbk = b"code,name\nT1,\xc7\xe0\xe1\xb0\xd5\xf2\n".to_vec();
    /// File, the error, its message key and arguments.
    type FileCase = (
        Vec<u8>,
        ImportError,
        &'static str,
        Vec<(&'static str, &'static str)>,
        Vec<(&'static str, u64)>,
    );
    let cases: Vec<FileCase> = vec![
        (
            b"code,name,colour\nT1,a,b\n".to_vec(),
            ImportError::UnknownColumn {
                column: "colour".into(),
            },
            "import-file-unknown-column",
            vec![("column", "colour")],
            vec![],
        ),
        (
            b"code\nT1\n".to_vec(),
            ImportError::MissingColumn {
                column: "name".into(),
            },
            "import-file-missing-column",
            vec![("column", "name")],
            vec![],
        ),
        (
            "code,name,名称\n".as_bytes().to_vec(),
            ImportError::DuplicateColumn {
                column: "名称".into(),
            },
            "import-file-duplicate-column",
            vec![("column", "名称")],
            vec![],
        ),
        (
            gbk,
            ImportError::NotUtf8 { line: 2 },
            "import-file-not-utf8",
            vec![],
            vec![("line", 2)],
        ),
        (
            "code,name\nT1,青岚镇,多余\n".as_bytes().to_vec(),
            ImportError::TooManyCells {
                line: 2,
                found: 3,
                expected: 2,
            },
            "import-file-too-many-cells",
            vec![],
            vec![("line", 2), ("found", 3), ("expected", 2)],
        ),
        (
            b"".to_vec(),
            ImportError::Empty,
            "import-file-empty",
            vec![],
            vec![],
        ),
    ];
    for (bytes, want, key, strs, nums) in cases {
        let err = import_bytes(&db.pool, ImportKind::Townships, &bytes)
            .await
            .unwrap_err();
        assert_eq!(format!("{err:?}"), format!("{want:?}"));
        for locale in ["zh-CN", "en"] {
            assert_eq!(
                err.messages(locale),
                vec![message(locale, key, &strs, &nums)]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invite codes.

#[tokio::test]
async fn an_invite_code_works_once_until_it_expires() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = at("2026-11-02 01:00");
    let made = make_invite(&mut conn, &InviteFor::Person("C1".into()), 7, now)
        .await
        .unwrap();
    assert_eq!(made.expires_at, now + Duration::days(7));
    assert_eq!(made.target_code, "C1");
    let person: i64 = sqlx::query_scalar("select id from people where code = 'C1'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(made.target, InviteTarget::Person(person));

    // Typed sloppily: lower case, spaces and a dash.
    let typed = format!(" {}-{} ", &made.code[..4].to_lowercase(), &made.code[4..]);
    let target = invites::redeem(&mut conn, &typed, 4242, now + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(target, InviteTarget::Person(person));
    let again = invites::redeem(&mut conn, &made.code, 4343, now + Duration::hours(2)).await;
    assert!(matches!(again, Err(InviteError::Used)), "{again:?}");
    let used_by: Option<i64> = sqlx::query_scalar("select used_by from invites where code = $1")
        .bind(&made.code)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(used_by, Some(4242), "the first use stands");

    let late = make_invite(&mut conn, &InviteFor::Person(person.to_string()), 1, now)
        .await
        .unwrap();
    let expired = invites::redeem(&mut conn, &late.code, 1, now + Duration::days(1)).await;
    assert!(matches!(expired, Err(InviteError::Expired)), "{expired:?}");
    let just_in_time = invites::redeem(
        &mut conn,
        &late.code,
        1,
        now + Duration::days(1) - Duration::seconds(1),
    )
    .await;
    assert!(just_in_time.is_ok());

    let unknown = invites::redeem(&mut conn, "NOSUCH99", 1, now).await;
    assert!(matches!(unknown, Err(InviteError::Unknown)), "{unknown:?}");
    let empty = invites::redeem(&mut conn, "  ", 1, now).await;
    assert!(matches!(empty, Err(InviteError::Unknown)), "{empty:?}");
}

#[tokio::test]
async fn a_department_invite_binds_a_group_and_unknown_targets_are_explained() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = at("2026-11-02 01:00");
    let made = make_invite(&mut conn, &InviteFor::Department("JRB".into()), 3, now)
        .await
        .unwrap();
    let department: i64 = sqlx::query_scalar("select id from departments where code = 'JRB'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        invites::redeem(&mut conn, &made.code, -100123, now)
            .await
            .unwrap(),
        InviteTarget::Department(department)
    );

    let settings = Settings::default();
    let lines = zhuqi::roster::invite_lines(&settings, "zh-CN", &made);
    assert_eq!(
        lines[0],
        tr(
            "zh-CN",
            "cli-invite-code",
            Args::new().str("code", &made.code)
        )
    );
    assert_eq!(
        lines[1],
        tr(
            "zh-CN",
            "cli-invite-for-department",
            Args::new()
                .str("department", "县金融工作服务中心")
                .str("department_code", "JRB")
                .str("expires", "2026-11-05 09:00")
                .str("code", &made.code)
        )
    );

    let nobody = make_invite(&mut conn, &InviteFor::Person("NOBODY".into()), 7, now).await;
    let Err(err @ InviteCliError::UnknownPerson(_)) = nobody else {
        panic!("{nobody:?}")
    };
    for locale in ["zh-CN", "en"] {
        assert_eq!(
            err.message(locale),
            tr(
                locale,
                "cli-invite-unknown-person",
                Args::new().str("person", "NOBODY")
            )
        );
    }
    let no_department = make_invite(&mut conn, &InviteFor::Department("XX".into()), 7, now).await;
    assert!(matches!(no_department, Err(InviteCliError::UnknownDepartment(ref d)) if d == "XX"));
    let no_days = make_invite(&mut conn, &InviteFor::Person("C1".into()), 0, now).await;
    assert!(matches!(no_days, Err(InviteCliError::BadDays)));
    let count: i64 = sqlx::query_scalar("select count(*) from invites")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "refused invites leave no row");
}

// ---------------------------------------------------------------------------------------------
// The demo county.

/// The working-day calendar the demo is seeded with: the one the default settings name.
fn calendar() -> WorkCalendar {
    Settings::default().calendar().unwrap()
}

async fn demo_cases(pool: &PgPool) -> Vec<(String, String, String, Option<NaiveDate>)> {
    sqlx::query_as("select number, status, description, deadline from cases order by number")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_demo_fills_an_empty_ledger_with_cases_in_every_status() {
    let db = TestDb::new().await;
    let settings = Settings::default();
    let now = at("2026-11-27 02:00");
    assert!(!demo::is_seeded(&db.pool).await.unwrap());
    let report = demo::seed(&db.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    assert!(!report.already_seeded);
    assert!(demo::is_seeded(&db.pool).await.unwrap());
    let c = &report.counts;
    assert_eq!((c.townships, c.enterprises), (10, 155));
    assert!(c.cases >= 150 && c.visits > 100, "{c:?}");
    for status in CaseStatus::ALL {
        let n = c
            .by_status
            .iter()
            .find(|(s, _)| s == status.code())
            .map_or(0, |(_, n)| *n);
        assert!(n > 0, "no demo case is {status:?}");
    }

    let pool = &db.pool;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    assert_eq!(
        count("select count(*) from people where 'cadre' = any(roles)").await,
        40
    );
    assert_eq!(
        count("select count(*) from people where 'leader' = any(roles)").await,
        3
    );
    assert_eq!(
        count("select count(*) from people where 'dispatcher' = any(roles)").await,
        1
    );
    assert_eq!(count("select count(*) from category_routes").await, 9);
    assert_eq!(
        count(
            "select count(*) from departments where head_id is null or default_assignee_id is null"
        )
        .await,
        0
    );
    assert_eq!(
        count("select count(*) from enterprises where cadre_id is null").await,
        0
    );
    assert_eq!(
        count("select count(*) from enterprises where kind = 'project'").await,
        35
    );
    assert_eq!(
        count("select count(*) from enterprises where name not like '%（演示）'").await,
        0
    );
    for table in [
        "townships",
        "departments",
        "people",
        "enterprises",
        "cases",
        "visits",
    ] {
        let real: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select count(*) from {table} where not is_demo"
        )))
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(real, 0, "{table}");
    }
    // The process record is real: every case starts with its report, and its status is where
    // its last status-changing event left it, never after `now`.
    assert_eq!(
        count("select count(*) from cases c where (select kind from case_events e where e.case_id = c.id order by id limit 1) <> 'reported'").await,
        0
    );
    assert_eq!(
        count("select count(*) from cases c where c.status <> (select to_status from case_events e where e.case_id = c.id and to_status is not null order by id desc limit 1)").await,
        0
    );
    assert_eq!(
        count("select count(*) from case_events e join lateral (select created_at from case_events p where p.case_id = e.case_id and p.id < e.id order by p.id desc limit 1) prev on true where prev.created_at > e.created_at").await,
        0,
        "events of a case are in time order"
    );
    let latest: DateTime<Utc> = sqlx::query_scalar("select max(created_at) from case_events")
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(latest <= now);
    assert!(count("select count(*) from supervision_orders").await > 0);
    assert!(count("select count(*) from milestones").await > 0);
    assert!(count("select count(*) from case_events where kind = 'reopened'").await > 0);
    assert!(count("select count(*) from cases where status in ('dispatched', 'accepted', 'in_progress') and deadline < date '2026-11-27'").await > 0, "some cases are overdue");

    // The hints name real people the console can speak as.
    let codes: Vec<&str> = report.hints.iter().map(|h| h.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            demo::CADRE,
            demo::DISPATCHER,
            demo::OFFICER,
            demo::LEADER,
            demo::ADMIN
        ]
    );
    let mut conn = pool.acquire().await.unwrap();
    for hint in &report.hints {
        let p = zhuqi::store::people::by_code(&mut conn, &hint.code)
            .await
            .unwrap()
            .unwrap();
        assert!(p.roles.has(hint.role), "{hint:?}");
    }
    let lines = demo::report_lines("en", &report);
    let hint = &report.hints[0];
    assert!(
        lines.contains(&tr(
            "en",
            "cli-demo-hint",
            Args::new()
                .str("role", tr("en", "role-cadre", Args::new()))
                .str("code", &hint.code)
                .str("name", &hint.name)
        ))
    );

    // A second run finds it there and adds nothing.
    let before = demo_cases(pool).await;
    let again = demo::seed(pool, &settings, &calendar(), now + Duration::days(1))
        .await
        .unwrap();
    assert!(again.already_seeded);
    assert_eq!(again.counts, report.counts);
    assert_eq!(demo_cases(pool).await, before);
    assert_eq!(
        demo::report_lines("zh-CN", &again)[0],
        tr("zh-CN", "cli-demo-already", Args::new())
    );
}

#[tokio::test]
async fn the_demo_is_the_same_for_the_same_instant() {
    let settings = Settings::default();
    let now = at("2026-11-27 02:00");
    let first = TestDb::new().await;
    demo::seed(&first.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    let second = TestDb::new().await;
    demo::seed(&second.pool, &settings, &calendar(), now)
        .await
        .unwrap();
    assert_eq!(
        demo_cases(&first.pool).await,
        demo_cases(&second.pool).await
    );
}

#[tokio::test]
async fn the_demo_refuses_a_ledger_with_a_real_roster() {
    let db = TestDb::new().await;
    import_text(&db.pool, ImportKind::Townships, TOWNSHIPS_CSV)
        .await
        .unwrap();
    let err = demo::seed(
        &db.pool,
        &Settings::default(),
        &calendar(),
        at("2026-11-27 02:00"),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, DemoError::RosterNotEmpty));
    assert!(!demo::is_seeded(&db.pool).await.unwrap());
    let townships: i64 = sqlx::query_scalar("select count(*) from townships")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(townships, 2);
}

// ---------------------------------------------------------------------------------------------
// The settings file and its documentation.

/// The field names of `Settings`, nested ones included, read from its pretty `Debug` output.
fn setting_names() -> Vec<String> {
    format!("{:#?}", Settings::default())
        .lines()
        .filter_map(|l| l.trim().split_once(": ").map(|(name, _)| name.to_string()))
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

#[test]
fn the_settings_file_lists_every_key_at_its_default_with_a_comment() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/zhuqi.toml");
    let from_file = Settings::from_file(&path).unwrap();
    from_file.validate().unwrap();
    assert_eq!(
        format!("{from_file:?}"),
        format!("{:?}", Settings::default())
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let names = setting_names();
    assert!(names.len() > 30, "{names:?}");
    for name in names {
        let at = lines
            .iter()
            .position(|l| {
                let l = l.trim_start_matches("# ");
                l.starts_with(&format!("{name} =")) || *l == format!("[{name}]")
            })
            .unwrap_or_else(|| panic!("config/zhuqi.toml lacks {name}"));
        assert!(
            at > 0 && lines[at - 1].starts_with('#'),
            "{name} needs a comment line above it"
        );
    }
}

#[test]
fn the_readme_documents_every_setting_and_environment_variable() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let start = readme.find("## Configuration").unwrap();
    let end = readme[start + 3..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + 3 + e);
    let section = &readme[start..end];
    for name in setting_names() {
        assert!(
            section.contains(&format!("`{name}`")) || section.contains(&format!(".{name}`")),
            "README lacks {name}"
        );
    }
    for var in [
        "DATABASE_URL",
        "TELOXIDE_TOKEN",
        "TELOXIDE_API_URL",
        "ZHUQI_CONFIG",
        "ZHUQI_WEBHOOK_URL",
        "ZHUQI_WEBHOOK_LISTEN",
        "ZHUQI_DATA_DIR",
        "ZHUQI_CALENDAR",
        "ZHUQI_TIMEZONE",
        "ZHUQI_CASE_PREFIX",
        "RUST_LOG",
    ] {
        assert!(section.contains(&format!("`{var}`")), "README lacks {var}");
    }
}
