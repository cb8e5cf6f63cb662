//! The built site as a whole: atomic replacement, byte-identical rebuilds, the real corpus.

use crate::support::{self, Course, corpus, run_in, run_with_cache, tree};

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let course = Course::minimal();
    assert_eq!(course.run(&["build"]).code, 0);
    let before = tree(&course.path("site"));
    let broken = course.file("templates/episode.html", "{% if %}\n");
    let out = broken.run(&["build"]);
    assert_eq!(out.code, 2);
    assert_eq!(tree(&broken.path("site")), before);
    assert_no_leftovers(&broken);
}

#[test]
fn a_rebuild_replaces_the_previous_site() {
    let course = Course::minimal();
    course.run(&["build"]);
    std::fs::write(course.path("site/stale.html"), "old").expect("write");
    assert_eq!(course.run(&["build"]).code, 0);
    assert!(!course.path("site/stale.html").exists());
    assert!(course.path("site/.episode-build").is_file());
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_writes_changed_ones_anew() {
    use std::os::unix::fs::MetadataExt as _;
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-more.md",
        "# Episode 2: More\n\n## Detail\n\nThe second episode, with words of its own.\n",
    );
    assert_eq!(course.run(&["build"]).code, 0);
    let inode = |course: &Course, rel: &str| {
        std::fs::metadata(course.path(rel))
            .expect("built file")
            .ino()
    };
    let one = "site/basics/episode-01-hello.html";
    let two = "site/basics/episode-02-more.html";
    let (one_before, two_before) = (inode(&course, one), inode(&course, two));
    let previous_two = course.read(two);
    // Episode 2's body changes; episode 1's page (whose sidebar lists titles only) does not.
    let course = course.file(
        "episodes/01-basics/episode-02-more.md",
        "# Episode 2: More\n\n## Detail\n\nThe second episode, rewritten.\n",
    );
    let rebuilt = course.run(&["build", "-v"]);
    assert_eq!(rebuilt.code, 0);
    let files = rebuilt
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap_or_else(|| panic!("no files line: {}", rebuilt.stderr));
    let numbers: Vec<usize> = files
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let (written, kept) = (numbers[0], numbers[1]);
    assert!(written >= 1 && kept >= 1, "{files}");
    assert_eq!(
        written + kept,
        tree(&course.path("site")).len() - 1,
        "every file but the marker is written or kept: {files}"
    );
    assert_eq!(
        inode(&course, one),
        one_before,
        "an unchanged page is kept, not written again"
    );
    assert_ne!(
        inode(&course, two),
        two_before,
        "a changed page is a new file"
    );
    assert!(course.read(two).contains("rewritten"));
    assert_ne!(course.read(two), previous_two);
    assert!(course.path("site/.episode-build").is_file());
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let result = run_in(root, &["build", "--out", out.to_str().expect("utf-8")]);
        assert_eq!(result.code, 0, "{}", result.stderr);
    }
    let (first, second) = (tree(&a), tree(&b));
    assert!(first.len() > 10);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(&second[path] == bytes, "{path} differs between two builds");
    }
}

#[test]
fn highlighted_code_from_the_cache_gives_the_same_site_and_a_tampered_entry_is_redone() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp");
    let cache = dir.path().join("cache");
    let build = |out: &str| {
        let out = dir.path().join(out);
        let result = run_with_cache(
            root,
            &["build", "-v", "--out", out.to_str().expect("utf-8")],
            &cache,
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
        (tree(&out), result.stderr)
    };
    // Blocks highlighted (while checked, or for their page) and blocks read from the cache.
    let counts = |log: &str| -> (usize, usize) {
        let line = log
            .lines()
            .find_map(|l| l.trim().strip_prefix("code blocks: "))
            .unwrap_or_else(|| panic!("no highlight cache line: {log}"));
        let numbers: Vec<usize> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert_eq!(numbers.len(), 3, "{line}");
        (numbers[0] + numbers[1], numbers[2])
    };
    let (cold, cold_log) = build("cold");
    let (stored, _) = counts(&cold_log);
    assert!(stored > 0, "the cold build stores blocks: {cold_log}");
    let packs = support::files_in(&cache.join("highlighted"));
    assert_eq!(packs.len(), 1, "one sealed pack: {packs:?}");
    assert_eq!(support::pack_entries(&packs[0]), stored);
    // Turn the first stored block into markup the highlighter never writes.
    let mut bytes = std::fs::read(&packs[0]).expect("pack");
    let at = bytes
        .windows(6)
        .position(|w| w == b"<span ")
        .expect("a highlighted block in the pack");
    bytes[at..at + 7].copy_from_slice(b"<script");
    std::fs::write(&packs[0], bytes).expect("tamper");
    let (warm, warm_log) = build("warm");
    let (redone, reused) = counts(&warm_log);
    assert!(
        (1..=2).contains(&redone) && reused + redone >= stored,
        "only the tampered entry is highlighted again: {warm_log}"
    );
    assert_eq!(
        cold, warm,
        "a build from the cache differs from a cold build"
    );
    let (_, again_log) = build("again");
    assert_eq!(
        counts(&again_log).0,
        0,
        "the block highlighted again was stored: {again_log}"
    );
}

#[test]
fn the_summary_line_counts_episodes_pages_and_findings() {
    let course = Course::minimal();
    let out = course.run(&["build"]);
    let line = out.stderr.trim_end();
    assert!(
        line.starts_with("Built 1 episode (5 pages) into site/ in ")
            && line.ends_with(" s — 0 errors, 0 warnings"),
        "{line}"
    );
    assert_eq!(course.run(&["build", "--quiet"]).stderr, "");
}

/// Two warnings in two episodes and one error in a third.
fn course_with_warnings_and_an_error() -> Course {
    Course::minimal()
        .file(
            "episodes/01-basics/episode-02-two.md",
            "# Episode 2: Two\n\n```klingon\nqapla\n```\n",
        )
        .file(
            "episodes/01-basics/episode-03-three.md",
            "# Episode 3: Three\n\n```vulcan\nlogic\n```\n",
        )
        .file(
            "episodes/01-basics/episode-04-four.md",
            "# Episode 4: Four\n\n```rust\nfn main() {}\n",
        )
}

#[test]
fn regression_build_prints_errors_in_full_and_counts_warnings_on_one_line() {
    let course = course_with_warnings_and_an_error();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[unterminated-fence]"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("warning["), "{}", out.stderr);
    let held_back: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        held_back,
        [
            "warning: 2 warnings in 2 files; run `episode lint --root [ROOT]` to see them (or build with --verbose)"
        ]
    );
    assert!(
        out.stderr.trim_end().ends_with(" — 1 error, 2 warnings"),
        "{}",
        out.stderr
    );
    let lint = course.run(&["lint"]);
    assert_eq!(lint.stdout.matches("warning[unknown-language]").count(), 2);
}

#[test]
fn build_verbose_prints_every_finding_and_quiet_only_errors() {
    let course = course_with_warnings_and_an_error();
    let verbose = course.run(&["build", "--verbose"]);
    assert_eq!(
        verbose.stderr.matches("warning[unknown-language]").count(),
        2,
        "{}",
        verbose.stderr
    );
    assert!(!verbose.stderr.contains("warning: 2 warnings"));
    let quiet = course.run(&["build", "--quiet"]);
    assert!(
        quiet.stderr.starts_with("error[unterminated-fence]"),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("warning"), "{}", quiet.stderr);
}

#[test]
fn the_held_back_line_names_lint_without_root_in_the_course_folder() {
    let course = Course::minimal().file(
        "episodes/01-basics/episode-02-two.md",
        "# Episode 2: Two\n\n```klingon\nqapla\n```\n",
    );
    let out = run_in(course.root(), &["build"]);
    assert!(
        out.stderr.starts_with(
            "warning: 1 warning in 1 file; run `episode lint` to see them (or build with --verbose)\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_real_corpus_builds_with_distinct_pages_for_both_series() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().expect("temp");
    let out_dir = dir.path().join("site");
    let out = run_in(
        dir.path(),
        &[
            "build",
            "--root",
            corpus.to_str().expect("utf-8"),
            "--out",
            "site",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("Built 7 episodes"), "{}", out.stderr);
    let files = tree(&out_dir);
    let episodes: Vec<&String> = files.keys().filter(|p| p.contains("/episode-")).collect();
    assert_eq!(episodes.len(), 7, "{episodes:?}");
    let nineteen: Vec<&&String> = episodes
        .iter()
        .filter(|p| p.contains("episode-19"))
        .collect();
    assert_eq!(nineteen.len(), 1);
    assert!(files.contains_key("pattern-mastery-series/index.html"));
    assert!(files.contains_key("architecture-deep-dives-series/index.html"));
    let series_of: std::collections::BTreeSet<&str> = episodes
        .iter()
        .filter_map(|p| p.split('/').next())
        .collect();
    assert_eq!(series_of.len(), 2, "{series_of:?}");
}

#[test]
fn a_failed_strict_build_leaves_the_previous_site_untouched() {
    let course = Course::minimal();
    assert_eq!(course.run(&["build"]).code, 0);
    let before = tree(&course.path("site"));
    let broken = course.file(
        "episodes/01-basics/episode-02-fence.md",
        "# Episode 2: Fence\n\n```rust\nfn main() {}\n",
    );
    let out = broken.run(&["build", "--strict"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("error[unterminated-fence]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("Not written (--strict): 1 error, 0 warnings; site/ is unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(tree(&broken.path("site")), before);
    assert_no_leftovers(&broken);
    // Without --strict the same course is published, findings and all.
    assert_eq!(broken.run(&["build"]).code, 0);
    assert!(broken.path("site/basics/episode-02-fence.html").is_file());
}

#[test]
fn a_read_only_parent_names_the_output_folder_and_what_to_do() {
    let course = Course::minimal();
    std::fs::create_dir(course.path("locked")).expect("mkdir");
    let Some(out) = crate::support::run_unprivileged(&course, &["build", "--out", "locked/site"])
    else {
        eprintln!("note: cannot run as another user here; skipping");
        return;
    };
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "cannot write the site to [ROOT]/locked/site: [ROOT]/locked is not writable ("
        ) && out
            .stderr
            .contains("help: choose another --out or make [ROOT]/locked writable"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(".site.tmp"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(course.path("locked"))
            .expect("list")
            .count(),
        0
    );
}

/// No temporary or old site folder (`.site.tmp-*`, `.site.old-*`) is left beside the site.
fn assert_no_leftovers(course: &Course) {
    let leftovers: Vec<_> = std::fs::read_dir(course.root())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
