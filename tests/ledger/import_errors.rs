//! Roster import errors: every kind of bad row with its line and reason, and file-level problems.

use super::import::*;
use super::*;

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
    let db = with_townships().await;
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
    // Neither UTF-8 nor GBK: 0xFF starts no character in either.
    let unreadable = b"code,name\nT1,\xff\xfe\n".to_vec();
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
            unreadable,
            ImportError::NotUtf8 { line: 2 },
            "import-file-not-utf8",
            vec![],
            vec![("line", 2)],
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            ImportError::UnreadableWorkbook,
            "import-file-workbook-unreadable",
            vec![],
            vec![],
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec(),
            ImportError::Workbook,
            "import-file-workbook",
            vec![],
            vec![],
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
