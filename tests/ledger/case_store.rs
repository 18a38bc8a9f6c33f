//! The state machine through the store: every transition per role with its event and side
//! effects, who may report, and case numbers under concurrency.

use super::state_machine::*;
use super::*;

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
        let township = roster_store::insert_record(
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
                roster_store::insert_record(
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
            let id = roster_store::insert_record(
                &mut conn,
                &PersonRecord {
                    code: format!("P{i}"),
                    name: format!("{who:?}"),
                    phone: None,
                    roles: roles.codes(),
                    department_id: department,
                    section_id: None,
                    township_id: None,
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
                    township_id: None,
                },
            ));
        }
        let cadre_id = people[0].1.person_id;
        let enterprise = roster_store::insert_record(
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
                            deadline: None,
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
        Action::Reassign { assignee_id, .. } => {
            assert_eq!(case.assignee_id, Some(*assignee_id));
        }
        Action::RequestInfo { .. }
        | Action::SupplyInfo { .. }
        | Action::Progress { .. }
        | Action::Note { .. } => {}
        // Corrections name rows of their own; `all_actions` holds none (they are checked purely
        // in `state_machine`, and on the ledger by the engine tests).
        Action::Correct(_) | Action::Mode(_) => {}
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
    // A pool of its own that waits for its connections as long as a loaded machine needs: the
    // test is of the numbering, not of the pool's quick "database unavailable".
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(std::time::Duration::from_secs(120))
        .connect(&db.url)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..20 {
        let pool = pool.clone();
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
    pool.close().await;
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
