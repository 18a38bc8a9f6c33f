//! The state machine, per role: pure rules and the store applying them.

use super::*;

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
