//! The settings file and its documentation.

use super::*;

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
        "ZHUQI_FILES_DIR",
        "RUST_LOG",
    ] {
        assert!(section.contains(&format!("`{var}`")), "README lacks {var}");
    }
}
