//! Roster import: headers, re-imports and every kind of bad row.

use super::*;

pub(super) const TOWNSHIPS_CSV: &str = "code,name\nT1,青岚镇\nT2,柳溪镇\n";
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

pub(super) fn english(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Townships => TOWNSHIPS_CSV,
        ImportKind::Departments => DEPARTMENTS_CSV,
        ImportKind::People => PEOPLE_CSV,
        ImportKind::Enterprises => ENTERPRISES_CSV,
    }
}

pub(super) async fn import_text(
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

pub(super) async fn import_roster(pool: &PgPool, text: impl Fn(ImportKind) -> String) {
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
