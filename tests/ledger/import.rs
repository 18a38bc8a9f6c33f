//! Roster import: headers, re-imports and every kind of bad row.

use super::*;
use zhuqi::roster::table::Source;

pub(super) const TOWNSHIPS_CSV: &str = "code,name\nT1,青岚镇\nT2,柳溪镇\n";
pub(super) const DEPARTMENTS_CSV: &str = "code,name,categories,sections\n\
FGJ,县发展和改革局,重点项目,xm=重点项目办;tz=投资科\n\
JRB,县金融工作服务中心,finance|科技,xd=信贷协调科\n";
pub(super) const PEOPLE_CSV: &str = "code,name,roles,phone,department,section,language,head_of,default_for\n\
C1,王明远,助企干部,13800000001,,,,,\n\
O1,李晓岚,责任人、cadre,029-8765 4321,FGJ,xm,English,,FGJ\n\
H1,张建峰,活动办|officer,,FGJ,投资科,中文,FGJ,\n\
D1,刘雅婷,活动办;领导,,,,,,\n";
pub(super) const ENTERPRISES_CSV: &str = "code,name,township,kind,industry,cadre,contact,contact_phone\n\
E1,绿源食品有限公司,T1,企业,食品加工,C1,赵六,13900000001\n\
E2,\"青岚镇物流园项目, 二期\",T2,项目单位,物流,O1,,\n";

/// The same roster with Chinese headers, a byte-order mark and Windows line ends, as Excel saves it.
pub(super) fn chinese(kind: ImportKind) -> String {
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
        ImportKind::Projects => super::projects::PROJECTS_CSV_ZH,
        ImportKind::ApprovalItems => super::items::CATALOGUE_ZH,
    };
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

pub(super) const KINDS: [ImportKind; 4] = [
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
        ImportKind::Projects => super::projects::PROJECTS_CSV,
        ImportKind::ApprovalItems => super::items::CATALOGUE_EN,
    }
}

pub(super) async fn import_text(
    pool: &PgPool,
    kind: ImportKind,
    text: &str,
) -> Result<ImportReport, ImportError> {
    import_bytes(pool, kind, text.as_bytes()).await
}

pub(super) async fn import_bytes(
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
pub(super) async fn roster_snapshot(pool: &PgPool) -> Vec<String> {
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

/// A fresh ledger holding the townships of `TOWNSHIPS_CSV` only.
pub(super) async fn with_townships() -> TestDb {
    let db = TestDb::new().await;
    import_text(&db.pool, ImportKind::Townships, TOWNSHIPS_CSV)
        .await
        .unwrap();
    db
}

pub(super) async fn import_roster(pool: &PgPool, text: impl Fn(ImportKind) -> String) {
    for kind in KINDS {
        let report = import_text(pool, kind, &text(kind)).await.unwrap();
        assert_eq!(report.inserted, report.rows, "{kind:?}");
    }
}

#[tokio::test]
pub(super) async fn a_whole_roster_imports_with_english_headers() {
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
pub(super) async fn chinese_headers_a_byte_order_mark_and_windows_line_ends_import_the_same() {
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
pub(super) async fn a_roster_saved_as_gbk_by_excel_imports_the_same_and_says_so() {
    let utf8_db = TestDb::new().await;
    import_roster(&utf8_db.pool, chinese).await;
    let gbk_db = TestDb::new().await;
    for kind in KINDS {
        let text = chinese(kind);
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text.trim_start_matches('\u{feff}'));
        assert!(!unmappable, "{kind:?}");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{kind:?} is really not UTF-8"
        );
        let report = import_bytes(&gbk_db.pool, kind, &bytes).await.unwrap();
        assert!(
            report.source == Source::Gbk && report.inserted == report.rows,
            "{kind:?}"
        );
    }
    assert_eq!(
        roster_snapshot(&gbk_db.pool).await,
        roster_snapshot(&utf8_db.pool).await
    );
    let report = import_text(&utf8_db.pool, ImportKind::Townships, TOWNSHIPS_CSV)
        .await
        .unwrap();
    assert_eq!(report.source, Source::Utf8);

    // The command line says how it read the file.
    let db = TestDb::new().await;
    let file = std::env::temp_dir().join(format!("zhuqi-gbk-{}.csv", std::process::id()));
    let (bytes, _, _) = encoding_rs::GBK.encode(TOWNSHIPS_CSV);
    std::fs::write(&file, &bytes).unwrap();
    let path = file.display().to_string();
    let (ok, out, err) = support::cli::zhuqi(&db.url, &["import", "townships", &path]);
    let _ = std::fs::remove_file(&file);
    assert!(ok, "{err}");
    assert!(
        out.contains(&tr("zh-CN", "import-read-as-gbk", Args::new())),
        "{out}"
    );
    let names: Vec<String> = sqlx::query_scalar("select name from townships order by code")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(names, ["青岚镇", "柳溪镇"]);
}

/// A roster file as someone keeps it in Excel: a title merged across the table, the header
/// under it, numbers (phones, amounts) as numbers, dates as dates, the rest as text.
fn workbook_of(csv_text: &str) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let width = records[0].len() as u16;
    sheet
        .merge_range(0, 0, 0, width - 1, "周至县亲商助企活动名册", &Format::new())
        .unwrap();
    for (r, record) in records.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, cell) in record.iter().enumerate() {
            let col = c as u16;
            if r > 0
                && let Ok(day) = NaiveDate::parse_from_str(cell, "%Y-%m-%d")
            {
                sheet.write_date_with_format(row, col, day, &date).unwrap();
            } else if r > 0
                && let Ok(n) = cell.parse::<f64>()
            {
                sheet.write_number(row, col, n).unwrap();
            } else {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Townships with a name worked out by a formula (`B3` = `"青岚" & "镇"`), its value saved.
fn formula_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(1, 0, "编码").unwrap();
    sheet.write_string(1, 1, "名称").unwrap();
    sheet.write_string(2, 0, "T9").unwrap();
    let name = Formula::new("=\"青岚\"&\"镇\"").set_result("青岚镇");
    sheet.write_formula(2, 1, name).unwrap();
    book.save_to_buffer().unwrap()
}

/// The workbook with its formulas' saved values taken out, as a program that writes formulas
/// without working them out leaves them.
fn formulas_without_values(book: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let mut part = from.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if name.starts_with("xl/worksheets/") {
            let cut = saved_values_cut(&text);
            assert_ne!(cut, text, "the sheet holds a formula with its value");
            text = cut;
        }
        to.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        to.write_all(text.as_bytes()).unwrap();
    }
    to.finish().unwrap().into_inner()
}

/// `<f>…</f><v>…</v>` → `<f>…</f>`.
fn saved_values_cut(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(end) = rest.find("</f>") {
        let (head, tail) = rest.split_at(end + "</f>".len());
        out.push_str(head);
        rest = match tail.strip_prefix("<v>").and_then(|t| t.split_once("</v>")) {
            Some((_, after)) => after,
            None => tail,
        };
    }
    out.push_str(rest);
    out
}

#[tokio::test]
pub(super) async fn a_roster_kept_in_an_excel_workbook_imports_the_same_as_its_csv() {
    let csv_db = TestDb::new().await;
    import_roster(&csv_db.pool, chinese).await;
    let book_db = TestDb::new().await;
    for kind in KINDS {
        let book = workbook_of(&chinese(kind));
        let report = import_bytes(&book_db.pool, kind, &book).await.unwrap();
        assert_eq!(
            report.source,
            Source::Workbook {
                sheet: "花名册".into()
            }
        );
        assert!(
            report.inserted == report.rows && report.rows > 0,
            "{kind:?}"
        );
    }
    assert_eq!(
        roster_snapshot(&book_db.pool).await,
        roster_snapshot(&csv_db.pool).await
    );
    let phones = "select coalesce(string_agg(phone, ',' order by code), '') from people";
    let phone = |pool: &PgPool| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(phones)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(phone(&book_db.pool).await, phone(&csv_db.pool).await);
    assert!(phone(&book_db.pool).await.contains("13800000001"));
    // A bad row is named by its row in Excel (the title is row 1, the header row 2).
    let bad = workbook_of("编码,名称\nT1,青岚镇\nT2,\n");
    let err = import_bytes(&book_db.pool, ImportKind::Townships, &bad)
        .await
        .unwrap_err();
    let ImportError::BadRows(rows) = err else {
        panic!("{err:?}")
    };
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [4]);
    // A damaged workbook is said to be one.
    let mut damaged = workbook_of(TOWNSHIPS_CSV);
    damaged.truncate(damaged.len() / 2);
    let err = import_bytes(&book_db.pool, ImportKind::Townships, &damaged)
        .await
        .unwrap_err();
    assert!(matches!(err, ImportError::UnreadableWorkbook), "{err:?}");
    // A formula saved without its value (a file a program wrote) is refused by its cell, with
    // what to do, rather than read as an empty name.
    let uncomputed = formulas_without_values(&formula_workbook());
    let err = import_bytes(&book_db.pool, ImportKind::Townships, &uncomputed)
        .await
        .unwrap_err();
    let ImportError::UncomputedFormula { cell } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(cell, "B3");
    assert_eq!(
        err.messages("zh-CN"),
        [tr(
            "zh-CN",
            "import-file-workbook-uncomputed",
            Args::new().str("cell", "B3")
        )]
    );
    // The same workbook as Excel saves it, with the value, imports.
    let formula_db = TestDb::new().await;
    let report = import_bytes(&formula_db.pool, ImportKind::Townships, &formula_workbook())
        .await
        .unwrap();
    assert_eq!(report.rows, 1);

    // The command line says which sheet it read.
    let db = TestDb::new().await;
    let file = std::env::temp_dir().join(format!("zhuqi-book-{}.xlsx", std::process::id()));
    std::fs::write(&file, workbook_of(TOWNSHIPS_CSV)).unwrap();
    let path = file.display().to_string();
    let (ok, out, err) = support::cli::zhuqi(&db.url, &["import", "townships", &path]);
    let _ = std::fs::remove_file(&file);
    assert!(ok, "{err}");
    let said = tr(
        "zh-CN",
        "import-read-sheet",
        Args::new().str("sheet", "花名册"),
    );
    assert!(out.contains(&said), "{out}");
}

#[tokio::test]
pub(super) async fn re_importing_the_same_files_changes_nothing() {
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
pub(super) async fn a_column_the_file_lacks_leaves_stored_values_alone() {
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
pub(super) async fn one_bad_row_means_nothing_is_imported() {
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
