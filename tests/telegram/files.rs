//! The ledger's own copies of the files people send: fetched once from the fake Bot API
//! (getFile, then the download) into the files directory; a file over the size cap and one the
//! messenger no longer has are recorded as such; a passing failure is tried again; and
//! `zhuqi export --with-files` packs the copies with a list of every file.

use super::*;
use std::io::Read;
use support::scratch_dir;
use support::world;
use zhuqi::domain::CaseStatus;
use zhuqi::i18n::html_to_text;

const ZH: &str = "zh-CN";

async fn seed(pool: &PgPool) -> (String, i64) {
    let ids = support::world::transport_county(pool)
        .account("C1", 5101)
        .build()
        .await;
    let cast = ids.cast();
    let case = world::case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    world::attach(
        pool,
        case.id,
        cast.cadre,
        &[
            ("document", "doc-ok", Some("现场报告.pdf")),
            ("photo", "photo-ok", None),
            ("photo", "photo-big", None),
            ("voice", "voice-gone", None),
            ("document", "doc-flaky", Some("回复函.docx")),
            ("location", "34.1,108.9", None),
        ],
    )
    .await;
    (case.number, case.id)
}

/// (file id, copy state, stored path, attempts) of every file, in the order they were added.
async fn copies(pool: &PgPool) -> Vec<(String, String, Option<String>, i32)> {
    sqlx::query_as(
        "select file_id, copy_state, stored_path, copy_attempts from attachments order by id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn wait_until_settled(pool: &PgPool, flaky_tried: bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows = copies(pool).await;
        let settled = rows.iter().all(|(id, state, _, attempts)| {
            state != "pending" || (id == "doc-flaky" && !flaky_tried && *attempts == 1)
        });
        if settled {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "files never settled: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn files_are_copied_once_into_the_ledger_s_storage_and_the_export_packs_them_with_a_list() {
    let db = TestDb::new().await;
    let (number, case_id) = seed(&db.pool).await;
    let dir = scratch_dir("files");
    let api = FakeBotApi::start().await;
    let report = b"%PDF-1.4 site report".to_vec();
    let photo: Vec<u8> = (0..2000u32).map(|i| (i % 251) as u8).collect();
    let reply = b"PK reply letter".to_vec();
    api.put_file("doc-ok", report.clone());
    api.put_file("photo-ok", photo.clone());
    api.put_file("photo-big", vec![7u8; 1024 * 1024 + 1]);
    api.put_file("doc-flaky", reply.clone());
    api.fail_file("doc-flaky", 1);
    let files_dir = dir.join("files");
    let bot = TestBot::start_with(api, db.pool.clone(), test_options(), |s| {
        s.files.dir = files_dir.clone();
        s.files.max_mb = 1;
        s.files.fetch_every_seconds = 1;
    })
    .await;

    // The first look: two copies made, one over the cap, one gone, one to try again later.
    wait_until_settled(&db.pool, false).await;
    let rows = copies(&db.pool).await;
    let state = |id: &str| {
        rows.iter()
            .find(|r| r.0 == id)
            .map(|r| (r.1.clone(), r.2.clone(), r.3))
            .unwrap()
    };
    let (doc_state, doc_path, _) = state("doc-ok");
    assert_eq!(doc_state, "stored");
    let doc_path = doc_path.expect("a stored copy has a path");
    assert_eq!(doc_path, format!("{case_id}/{}.pdf", 1));
    assert_eq!(std::fs::read(files_dir.join(&doc_path)).unwrap(), report);
    let (photo_state, photo_path, _) = state("photo-ok");
    assert_eq!(photo_state, "stored");
    assert!(photo_path.as_deref().unwrap().ends_with(".jpg"));
    assert_eq!(
        std::fs::read(files_dir.join(photo_path.unwrap())).unwrap(),
        photo
    );
    assert_eq!(state("photo-big").0, "too_large");
    assert_eq!(state("voice-gone").0, "gone");
    assert_eq!(
        state("34.1,108.9").0,
        "none",
        "a location has nothing to copy"
    );
    assert_eq!(state("doc-flaky"), ("pending".into(), None, 1));

    // The failed one is tried again when due (brought forward here instead of waiting 30 s).
    sqlx::query("update attachments set copy_after = now() where file_id = 'doc-flaky'")
        .execute(&db.pool)
        .await
        .unwrap();
    wait_until_settled(&db.pool, true).await;
    let (flaky_state, flaky_path, _) = copies(&db.pool)
        .await
        .into_iter()
        .find(|r| r.0 == "doc-flaky")
        .map(|r| (r.1, r.2, r.3))
        .unwrap();
    assert_eq!(flaky_state, "stored");
    assert_eq!(
        std::fs::read(files_dir.join(flaky_path.unwrap())).unwrap(),
        reply
    );

    // Copied once: later looks ask Telegram for nothing more.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let asked = |id: &str| {
        bot.api
            .calls_of("getfile")
            .iter()
            .filter(|c| c.body.get("file_id").and_then(|v| v.as_str()) == Some(id))
            .count()
    };
    assert_eq!(asked("doc-ok"), 1, "a stored file is fetched once");
    assert_eq!(
        asked("photo-big"),
        1,
        "a file over the cap is not asked for again"
    );
    assert_eq!(asked("voice-gone"), 1, "a gone file is not asked for again");
    assert_eq!(
        asked("doc-flaky"),
        2,
        "a passing failure is tried once more"
    );
    assert_eq!(asked("34.1,108.9"), 0);
    bot.stop().await;

    // The export packs the three copies and lists all six files.
    let ledger = dir.join("ledger.xlsx");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhuqi"))
        .args(["export", "--with-files", "-o"])
        .arg(&ledger)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DATABASE_URL", &db.url)
        .env("ZHUQI_FILES_DIR", &files_dir)
        .env_remove("ZHUQI_CONFIG")
        .env("RUST_LOG", "error")
        .output()
        .expect("run the zhuqi binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zip_path = dir.join("ledger-files.zip");
    let done = html_to_text(&tr(
        ZH,
        "export-files-done",
        Args::new()
            .num("included", 3.0)
            .num("listed", 6.0)
            .str("path", zip_path.display().to_string()),
    ));
    assert!(stdout.contains(&done), "{stdout}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            format!("{number}/1-现场报告.pdf"),
            format!("{number}/2-photo.jpg"),
            format!("{number}/5-回复函.docx"),
            "files.csv".to_string(),
        ]
    );
    let mut bytes = Vec::new();
    zip.by_name(&format!("{number}/1-现场报告.pdf"))
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    assert_eq!(bytes, report);
    let mut manifest = String::new();
    zip.by_name("files.csv")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines.len(), 7, "a header and a line per file: {manifest}");
    assert!(lines[0].contains(&t(ZH, "files-col-copy")), "{manifest}");
    for (line, state) in [
        (1, "files-copy-stored"),
        (3, "files-copy-too-large"),
        (4, "files-copy-gone"),
        (6, "files-copy-none"),
    ] {
        assert!(lines[line].contains(&t(ZH, state)), "{manifest}");
    }
    assert!(lines[1].contains("现场报告.pdf") && lines[1].contains("王建国"));
    let _ = std::fs::remove_dir_all(&dir);
}
