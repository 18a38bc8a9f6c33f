//! `zhuqi assess`: the assessment table for a period, as text, CSV and a spreadsheet.

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use support::world;
use zhuqi::cli::{self, AssessArgs, AssessFileFormat, Command, Setup};
use zhuqi::clock::Clock;
use zhuqi::config::Secret;
use zhuqi::i18n::t;

const ZH: &str = "zh-CN";

/// A county with a department and a cadre who has one dispatched case.
async fn county(db: &TestDb) {
    let (ids, cast) = transport_county(&db.pool).await;
    world::case_in(&db.pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
}

fn setup(db: &TestDb) -> Setup {
    let settings = Settings {
        database_url: Some(Secret::new(db.url.clone())),
        ..Settings::default()
    };
    Setup {
        settings,
        calendar: Arc::new(WorkCalendar::weekends_only()),
        clock: Clock::system(),
    }
}

fn args(format: AssessFileFormat, output: Option<PathBuf>, period: &str) -> AssessArgs {
    AssessArgs {
        period: period.into(),
        format,
        output,
        lang: ZH.into(),
    }
}

#[tokio::test]
async fn zhuqi_assess_writes_the_table_as_text_csv_and_a_spreadsheet() {
    let db = TestDb::new().await;
    county(&db).await;
    let dir = std::env::temp_dir().join(format!(
        "zhuqi-assess-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).unwrap();

    let text = dir.join("assess.txt");
    cli::run(
        Command::Assess(args(
            AssessFileFormat::Text,
            Some(text.clone()),
            "this-month",
        )),
        setup(&db),
    )
    .await
    .unwrap();
    let text = std::fs::read_to_string(&text).unwrap();
    assert!(text.contains("县交通运输局"), "{text}");
    assert!(text.contains("王建国"), "{text}");
    assert!(!text.contains('<'), "plain text, no markup: {text}");

    let csv = dir.join("assess.csv");
    cli::run(
        Command::Assess(args(AssessFileFormat::Csv, Some(csv.clone()), "this-month")),
        setup(&db),
    )
    .await
    .unwrap();
    let csv = std::fs::read_to_string(&csv).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with('\u{feff}'),
        "a byte order mark for Excel"
    );
    assert!(header.contains(&t(ZH, "export-col-name")), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(
        rows.len(),
        3,
        "one department, one cadre and one township: {csv}"
    );
    assert!(rows[0].starts_with(&t(ZH, "export-subject-department")));
    assert!(rows[0].contains(",县交通运输局,"), "{csv}");
    // The department's case was dispatched and signed for this month.
    assert!(rows[0].contains(",1,1,100.0%,"), "{csv}");
    assert!(rows[1].contains(",王建国,"), "{csv}");
    assert!(rows[2].starts_with(&t(ZH, "townships-subject")), "{csv}");
    assert!(rows[2].contains(",马召镇,"), "{csv}");

    let xlsx = dir.join("assess.xlsx");
    cli::run(
        Command::Assess(args(
            AssessFileFormat::Xlsx,
            Some(xlsx.clone()),
            "this-month",
        )),
        setup(&db),
    )
    .await
    .unwrap();
    let bytes = std::fs::read(&xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(sheet.contains(&t(ZH, "export-col-response-rate")));
    assert!(sheet.contains("县交通运输局") && sheet.contains("王建国"));
    assert!(
        zip.by_name("xl/worksheets/sheet2.xml").is_err(),
        "one sheet"
    );

    // A period that cannot be read is refused in words, like `zhuqi summary`'s.
    let err = cli::run(
        Command::Assess(args(AssessFileFormat::Text, None, "someday")),
        setup(&db),
    )
    .await
    .unwrap_err();
    let expected = zhuqi::i18n::html_to_text(&tr(
        ZH,
        "cli-period-invalid",
        Args::new().str("input", "someday"),
    ));
    assert_eq!(err.to_string(), expected);
    // The period is read as the chat reads it: 本月 is this-month, a range may say 至, and a
    // range that runs backwards is refused with that reason.
    let chinese = dir.join("assess-本月.txt");
    cli::run(
        Command::Assess(args(AssessFileFormat::Text, Some(chinese.clone()), "本月")),
        setup(&db),
    )
    .await
    .unwrap();
    assert_eq!(std::fs::read_to_string(&chinese).unwrap(), text);
    let err = cli::run(
        Command::Assess(args(
            AssessFileFormat::Text,
            None,
            "2026-11-30 至 2026-11-01",
        )),
        setup(&db),
    )
    .await
    .unwrap_err();
    assert_eq!(err.to_string(), t(ZH, "bot-period-backwards"));
    std::fs::remove_dir_all(&dir).ok();
}
