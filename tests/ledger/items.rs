//! The catalogue of approval items (审批事项) from CSV: one row per step, item by item, Chinese
//! or English headers; a re-import changes only what changed; every bad line is named.

use super::*;
use zhuqi::reports::{PeriodSpec, Request, Scope};
use zhuqi::roster::RowError;

/// Two items of the development and reform bureau, with the bureau's sections and officers.
pub(super) const CATALOGUE_ZH: &str = "\u{feff}事项编码,事项名称,部门,科室,事项类型,设定依据,法定时限,承诺时限,申请材料,关键词,办理环节,环节时限,责任科室,责任人\r\n\
FGJ-01,企业投资项目备案,FGJ,tz,行政审批,《企业投资项目核准和备案管理条例》,5,3,项目备案信息表,备案,受理,1,,O1\r\n\
FGJ-01,,,,,,,,,,审核,1个工作日,xm,H1\r\n\
FGJ-01,企业投资项目备案,,,,,,,,,办结,1,,O1\r\n\
FGJ-02,固定资产投资项目节能审查,FGJ,重点项目办,社会审批,,20,15,节能报告；能评表,节能,受理,2,,O1\r\n\
FGJ-02,,,,,,,,,,审查,13,投资科,H1\r\n";

/// The same catalogue with English headers.
pub(super) const CATALOGUE_EN: &str = "code,name,department,section,kind,legal_basis,statutory_days,promised_days,materials,keywords,step,step_days,step_section,step_person\n\
FGJ-01,企业投资项目备案,FGJ,tz,administrative,《企业投资项目核准和备案管理条例》,5,3,项目备案信息表,备案,受理,1,,O1\n\
FGJ-01,,,,,,,,,,审核,1,xm,H1\n\
FGJ-01,,,,,,,,,,办结,1,,O1\n\
FGJ-02,固定资产投资项目节能审查,FGJ,xm,social,,20,15,节能报告；能评表,节能,受理,2,,O1\n\
FGJ-02,,,,,,,,,,审查,13,tz,H1\n";

async fn catalogue(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select i.code || ' ' || i.name || ' ' || d.code || '/' || coalesce(s.code, '-') || ' ' || i.kind \
         || ' ' || i.statutory_days || '/' || i.promised_days || ' ' || array_to_string(i.keywords, '+') \
         || ' | ' || st.seq || ' ' || st.name || ' ' || st.days || ' ' || coalesce(ss.code, '-') || ' ' \
         || coalesce(p.code, '-') || case when st.removed_at is null then '' else ' retired' end \
         from approval_items i join departments d on d.id = i.department_id \
         left join sections s on s.id = i.section_id join approval_steps st on st.item_id = i.id \
         left join sections ss on ss.id = st.section_id left join people p on p.id = st.person_id \
         order by i.code, st.seq",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_catalogue_imports_item_by_item_and_a_second_import_changes_only_what_changed() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    import_roster(pool, |k| english(k).to_string()).await;
    let report = import_text(pool, ImportKind::ApprovalItems, CATALOGUE_ZH)
        .await
        .unwrap();
    assert_eq!(
        (report.rows, report.inserted, report.updated),
        (5, 2, 0),
        "five rows, two items"
    );
    let expected = [
        "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/3 备案 | 1 受理 1 tz O1",
        "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/3 备案 | 2 审核 1 xm H1",
        "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/3 备案 | 3 办结 1 tz O1",
        "FGJ-02 固定资产投资项目节能审查 FGJ/xm social 20/15 节能 | 1 受理 2 xm O1",
        "FGJ-02 固定资产投资项目节能审查 FGJ/xm social 20/15 节能 | 2 审查 13 tz H1",
    ];
    assert_eq!(catalogue(pool).await, expected);

    // The same catalogue with English headers changes nothing.
    let report = import_text(pool, ImportKind::ApprovalItems, CATALOGUE_EN)
        .await
        .unwrap();
    assert_eq!((report.unchanged, report.updated), (2, 0));
    assert_eq!(catalogue(pool).await, expected);

    // An item given two steps and a shorter promise: updated, its third step retired; the
    // columns the file does not have (section, kind, keywords, a step's section) are kept.
    let shorter = "code,name,department,statutory_days,promised_days,step,step_days,step_person\n\
                   FGJ-01,企业投资项目备案,FGJ,5,2,受理,1,O1\n\
                   FGJ-01,,,,,办结,1,O1\n";
    let report = import_text(pool, ImportKind::ApprovalItems, shorter)
        .await
        .unwrap();
    assert_eq!((report.updated, report.inserted), (1, 0));
    let now = catalogue(pool).await;
    assert_eq!(
        now[..3],
        [
            "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/2 备案 | 1 受理 1 tz O1",
            "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/2 备案 | 2 办结 1 xm O1",
            "FGJ-01 企业投资项目备案 FGJ/tz administrative 5/2 备案 | 3 办结 1 tz O1 retired",
        ]
    );
}

#[tokio::test]
async fn every_bad_line_of_a_catalogue_is_named_and_nothing_is_imported() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    import_roster(pool, |k| english(k).to_string()).await;
    let file = "code,name,department,section,statutory_days,promised_days,step,step_days,step_person\n\
                X-01,甲,FGJ,,5,9,受理,1,O1\n\
                X-02,乙,NOPE,,5,5,受理,1,\n\
                X-03,丙,FGJ,zz,5,5,受理,1,\n\
                X-04,丁,FGJ,,十天,,受理,1,\n\
                X-05,戊,FGJ,,5,5,受理,1,C1\n\
                X-06,己,FGJ,,10,5,受理,3,O1\n\
                X-06,,,,,,审查,3,H1\n\
                X-06,庚,,,,,决定,0,H1\n\
                a b,辛,FGJ,,5,5,受理,1,\n\
                X-07,壬,FGJ,,0,,受理,1,\n\
                X-07,,,,,,审查,1,\n";
    let err = import_text(pool, ImportKind::ApprovalItems, file)
        .await
        .unwrap_err();
    let ImportError::BadRows(rows) = err else {
        panic!("{err:?}")
    };
    let s = |v: &str| v.to_string();
    // By line; the second row of an item whose first is bad adds nothing.
    let found: Vec<(u64, RowProblem)> = rows.into_iter().map(|r| (r.line, r.problem)).collect();
    assert_eq!(
        found,
        vec![
            (
                2,
                RowProblem::PromisedOverStatutory {
                    promised: 9,
                    statutory: 5
                }
            ),
            (3, RowProblem::UnknownDepartment { code: s("NOPE") }),
            (
                4,
                RowProblem::UnknownSection {
                    section: s("zz"),
                    department: s("FGJ")
                }
            ),
            (
                5,
                RowProblem::BadDays {
                    column: s("statutory_days"),
                    value: s("十天")
                }
            ),
            (
                6,
                RowProblem::NotOfficerOf {
                    person: s("C1"),
                    department: s("FGJ")
                }
            ),
            (
                7,
                RowProblem::StepsOverPromised {
                    total: 6,
                    promised: 5
                }
            ),
            (
                9,
                RowProblem::ItemDiffers {
                    column: s("name"),
                    first_line: 7
                }
            ),
            (
                9,
                RowProblem::BadDays {
                    column: s("step_days"),
                    value: s("0")
                }
            ),
            (10, RowProblem::BadCode { value: s("a b") }),
            (
                11,
                RowProblem::BadDays {
                    column: s("statutory_days"),
                    value: s("0")
                }
            ),
        ]
    );
    // Each reason reads in both languages, with its line.
    let zh = RowError {
        line: 7,
        problem: RowProblem::StepsOverPromised {
            total: 6,
            promised: 5,
        },
    }
    .message("zh-CN");
    assert!(zh.contains('7') && zh.contains("承诺时限"), "{zh}");
    let none: i64 = sqlx::query_scalar("select count(*) from approval_items")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(none, 0, "nothing is imported from a file with a bad line");
}

async fn id_of(pool: &PgPool, sql: &str, code: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(code)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A case of E1 dispatched to FGJ and linked to `item` with its steps due on `dues`; the
/// steps in `done` (by place, with the instant) marked done.
async fn approval_case(pool: &PgPool, item: &str, dues: &[&str], done: &[(usize, &str)]) {
    let person = |code| id_of(pool, "select id from people where code = $1", code);
    let (cadre, dispatcher, officer) = (person("C1").await, person("D1").await, person("O1").await);
    let department = id_of(pool, "select id from departments where code = $1", "FGJ").await;
    let enterprise = id_of(pool, "select id from enterprises where code = $1", "E1").await;
    let item_id = id_of(pool, "select id from approval_items where code = $1", item).await;
    let steps: Vec<(i64, Option<i64>)> =
        sqlx::query_as("select id, section_id from approval_steps where item_id = $1 order by seq")
            .bind(item_id)
            .fetch_all(pool)
            .await
            .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let actor = |id| support::world::actor(pool, id);
    let (cadre, dispatcher, officer) = (
        actor(cadre).await,
        actor(dispatcher).await,
        actor(officer).await,
    );
    let new = NewCase {
        enterprise_id: enterprise,
        category: Category::KeyProject,
        difficulty: Difficulty::Moderate,
        description: "项目备案".into(),
    };
    let case = cases::report(&mut conn, "ZZ", &cadre, &new, at("2026-11-02 01:00"), 2026)
        .await
        .unwrap();
    let act = |action: Action, when: &str| (action, at(when));
    let planned = steps
        .iter()
        .zip(dues)
        .map(
            |((step_id, section_id), due)| zhuqi::domain::approval::PlannedStep {
                step_id: *step_id,
                title: "step".into(),
                due_on: d(due),
                section_id: *section_id,
            },
        )
        .collect();
    for (who, (action, when)) in [
        (
            &dispatcher,
            act(
                Action::Dispatch {
                    department_id: department,
                    assignee_id: None,
                    deadline: d("2026-12-31"),
                },
                "2026-11-02 02:00",
            ),
        ),
        (
            &officer,
            act(
                Action::Correct(Correction::LinkItem {
                    item_id,
                    section_id: None,
                    steps: planned,
                }),
                "2026-11-02 03:00",
            ),
        ),
    ] {
        cases::act(&mut conn, case.id, who, &action, when)
            .await
            .unwrap();
    }
    let ids: Vec<i64> =
        sqlx::query_scalar("select id from milestones where case_id = $1 order by due_on, id")
            .bind(case.id)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    for (place, when) in done {
        let step = Action::Correct(Correction::StepDone {
            milestone_id: ids[*place],
        });
        cases::act(&mut conn, case.id, &officer, &step, at(when))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_assessment_gives_each_approval_item_and_section_its_on_time_rate_of_steps() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    import_roster(pool, |k| english(k).to_string()).await;
    import_text(pool, ImportKind::ApprovalItems, CATALOGUE_EN)
        .await
        .unwrap();
    // FGJ-01 (sections tz, xm, tz): on time, late, and overdue without being done.
    approval_case(
        pool,
        "FGJ-01",
        &["2026-11-10", "2026-11-12", "2026-11-20"],
        &[(0, "2026-11-10 09:00"), (1, "2026-11-13 02:00")],
    )
    .await;
    // FGJ-02 (sections xm, tz): on time; the second step is due after the period.
    approval_case(
        pool,
        "FGJ-02",
        &["2026-11-25", "2026-12-10"],
        &[(0, "2026-11-24 02:00")],
    )
    .await;
    let mut conn = pool.acquire().await.unwrap();
    let a = zhuqi::reports::assessment(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::parse("2026-11-01..2026-11-30").unwrap(),
            d("2026-12-02"),
            &Settings::default(),
            &WorkCalendar::weekends_only(),
        ),
    )
    .await
    .unwrap();
    let rates = |rows: &[zhuqi::reports::approval::StepRate]| -> Vec<(String, i64, i64)> {
        rows.iter()
            .map(|r| (r.name.clone(), r.on_time, r.counted))
            .collect()
    };
    // Step 1 of FGJ-01 was done at 17:00 local time on its due day: on time. Step 2 the day
    // after: late. Step 3 never: counted as late once its day passed.
    assert_eq!(
        rates(&a.approval.items),
        [
            ("企业投资项目备案".to_string(), 1, 3),
            ("固定资产投资项目节能审查".to_string(), 1, 1),
        ]
    );
    assert_eq!(
        rates(&a.approval.sections),
        [
            ("投资科".to_string(), 1, 2),
            ("重点项目办".to_string(), 1, 2)
        ]
    );
    let text = zhuqi::reports::render_assessment_rows("zh-CN", &a, 10);
    assert!(
        text.contains("企业投资项目备案（县发展和改革局）：1/3 按期"),
        "{text}"
    );
}

#[tokio::test]
async fn the_demo_county_has_a_catalogue_and_approval_cases_with_a_step_overdue() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let calendar = Settings::default().calendar().unwrap();
    zhuqi::demo::seed(
        pool,
        &Settings::default(),
        &calendar,
        at("2026-11-27 02:00"),
    )
    .await
    .unwrap();
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    let departments =
        count("select count(distinct department_id) from approval_items where is_demo").await;
    assert!(departments >= 3, "{departments} departments");
    let linked = count("select count(*) from cases where approval_item_id is not null").await;
    assert!(linked >= 3, "{linked} approval cases");
    let overdue = count(
        "select count(*) from milestones m join cases c on c.id = m.case_id \
         where m.approval_step_id is not null and m.done_at is null and m.removed_at is null \
         and m.due_on < date '2026-11-27' and c.status in ('dispatched', 'accepted', 'in_progress')",
    )
    .await;
    assert!(overdue >= 1, "a step overdue");
    let done = count("select count(*) from milestones where approval_step_id is not null and done_at is not null").await;
    assert!(done >= 1, "a step done");
}
