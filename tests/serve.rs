//! `episode serve`: pages served from memory, reloaded on save, broken saves kept out, and
//! only loopback addresses without an explicit option. Each test starts the real binary on
//! an ephemeral port and talks HTTP to it over a plain socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Course;

const EPISODE: &str = "episodes/01-basics/episode-01-hello.md";
const PAGE: &str = "basics/episode-01-hello.html";

/// A running `episode serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Starts the server on `course` and waits for its "Serving … at" line.
    fn start(course: &Course) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_episode"))
            .args([
                "--root",
                course.root().to_str().expect("utf-8"),
                "serve",
                "--port",
                "0",
            ])
            .env("NO_COLOR", "1")
            .env("EPISODE_CACHE_DIR", course.cache_dir())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start episode serve");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let mut port = None;
        for line in lines.by_ref() {
            let line = line.expect("read stderr");
            if let Some(rest) = line.split("at http://127.0.0.1:").nth(1) {
                port = rest.split('/').next().and_then(|p| p.parse().ok());
                break;
            }
        }
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let port = port.expect("the server printed its address");
        Self { child, port }
    }

    /// `GET path`: the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_owned());
        (status, body)
    }

    /// Opens the event stream; returns it once the `hello` event arrived.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        write!(
            stream,
            "GET /__episode/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .expect("send");
        let mut reader = BufReader::new(stream);
        wait_for(&mut reader, "event: hello");
        reader
    }
}

/// Reads the event stream until a line containing `wanted`; the lines read.
fn wait_for(reader: &mut BufReader<TcpStream>, wanted: &str) -> String {
    let mut seen = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        let read = reader.read_line(&mut line).unwrap_or(0);
        assert!(
            read > 0,
            "the stream ended before {wanted:?}; read:\n{seen}"
        );
        seen.push_str(&line);
        if line.contains(wanted) {
            return seen;
        }
    }
}

/// Saves `text` as editors do: written to a temporary file, renamed over the original.
fn save(course: &Course, rel: &str, text: &str) {
    let temporary = course.path(&format!("{rel}.tmp~"));
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, course.path(rel)).expect("rename");
}

/// Polls `path` until its body contains `wanted` (at most 20 s).
fn poll(served: &Served, path: &str, wanted: &str) -> String {
    let started = Instant::now();
    loop {
        let (_, body) = served.get(path);
        if body.contains(wanted) || started.elapsed() > Duration::from_secs(20) {
            return body;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn episode(words: &str) -> String {
    format!("# Episode 1: Hello\n\n## Intro\n\n{words}\n\n```python\nprint('hi')\n```\n")
}

fn course() -> Course {
    Course::new()
        .file("book.toml", "title = \"Served Course\"\n")
        .file(EPISODE, episode("The first words."))
        .file(
            "episodes/01-basics/episode-02-next.md",
            "# Episode 2: Next\n\n## Intro\n\nMore words.\n",
        )
}

#[test]
fn a_saved_edit_reloads_the_page_with_the_new_text() {
    let course = course();
    let served = Served::start(&course);
    let (status, page) = served.get(&format!("/{PAGE}"));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("The first words."), "{page}");
    assert!(
        page.contains("/__episode/live.js"),
        "served pages carry the live-reload script"
    );
    let mut events = served.events();
    save(&course, EPISODE, &episode("Words saved a moment ago."));
    let seen = wait_for(&mut events, "event: reload");
    let data = wait_for(&mut events, "data:");
    assert!(
        data.contains(PAGE),
        "the reload names the page: {seen}{data}"
    );
    let page = poll(&served, &format!("/{PAGE}"), "Words saved a moment ago.");
    assert!(page.contains("Words saved a moment ago."), "{page}");
    assert!(!page.contains("The first words."));
    // Nothing was written into the course folder.
    assert!(!course.path("site").exists());
}

#[test]
fn a_broken_save_shows_its_error_and_keeps_the_last_good_page() {
    let course = course();
    let served = Served::start(&course);
    assert!(
        served
            .get(&format!("/{PAGE}"))
            .1
            .contains("The first words.")
    );
    let mut events = served.events();
    save(
        &course,
        EPISODE,
        "# Episode 1: Hello\n\nHalf-written words.\n\n```python\nprint('never closed')\n",
    );
    wait_for(&mut events, "event: findings");
    let started = Instant::now();
    let findings = loop {
        let (_, body) = served.get(&format!("/__episode/findings?page={PAGE}"));
        if body.contains("unterminated-fence") || started.elapsed() > Duration::from_secs(20) {
            break body;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let json: serde_json::Value = serde_json::from_str(&findings).expect("findings are JSON");
    assert_eq!(json["stale"], true, "{json}");
    let finding = json["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["rule"] == "unterminated-fence"))
        .unwrap_or_else(|| panic!("no unterminated-fence finding: {json}"));
    assert_eq!(finding["file"], EPISODE);
    assert_eq!(finding["line"], 5, "{finding}");
    let (_, page) = served.get(&format!("/{PAGE}"));
    assert!(
        page.contains("The first words."),
        "the last good page stays"
    );
    assert!(!page.contains("Half-written words."));
    // Fixed, the page comes back with the new text and the overlay has nothing stale.
    save(&course, EPISODE, &episode("Fixed words."));
    assert!(poll(&served, &format!("/{PAGE}"), "Fixed words.").contains("Fixed words."));
    let (_, findings) = served.get(&format!("/__episode/findings?page={PAGE}"));
    assert!(findings.contains("\"stale\":false"), "{findings}");
}

#[test]
fn the_server_refuses_an_address_other_machines_can_reach_unless_allowed() {
    let course = course();
    let out = course.run(&["serve", "--bind", "0.0.0.0", "--port", "0"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("refusing to serve on 0.0.0.0")
            && out.stderr.contains("--allow-remote"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_pages_get_the_404_page_and_folders_their_index() {
    let course = course();
    let served = Served::start(&course);
    let (status, body) = served.get("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    let (status, body) = served.get("/");
    assert_eq!(status, 200);
    assert!(body.contains("Served Course"), "{body}");
    let (status, _) = served.get("/basics");
    assert_eq!(status, 301);
}

#[test]
fn a_built_site_has_no_live_reload_script() {
    let course = course();
    let out = course.run(&["build"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = course.read(&format!("site/{PAGE}"));
    assert!(!page.contains("__episode"), "{page}");
}

#[test]
fn in_the_bundle_layout_a_saved_script_part_or_code_file_is_picked_up() {
    let part = "episodes/episode-001-hello/script/episode-script-part2.md";
    let course = Course::new()
        .file(
            "book.toml",
            "title = \"Served Folders\"\n\n[episodes]\nlayout = \"bundle\"\n",
        )
        .file(
            "episodes/episode-001-hello/script/episode-script-part1.md",
            "# Hello\n\n## Intro\n\nThe first part.\n",
        )
        .file(part, "## More\n\nThe second part.\n")
        .file("episodes/episode-001-hello/code/hello.py", "print('hi')\n")
        .file(
            "episodes/episode-001-hello/research/research-notes.md",
            "# Notes on hello\n\nWhere the greeting came from.\n",
        );
    let served = Served::start(&course);
    let page = poll(&served, "/episode-001-hello.html", "The second part.");
    assert!(page.contains("The first part."), "{page}");
    // A note is a page of its own under the episode, and the code copies are served too.
    poll(
        &served,
        "/episode-001-hello/research/research-notes.html",
        "Where the greeting came from.",
    );
    poll(&served, "/episode-001-hello/code/hello.py", "print('hi')");
    let mut events = served.events();
    save(&course, part, "## More\n\nA part saved a moment ago.\n");
    wait_for(&mut events, "event: reload");
    let page = poll(
        &served,
        "/episode-001-hello.html",
        "A part saved a moment ago.",
    );
    assert!(page.contains("A part saved a moment ago."), "{page}");
    assert!(page.contains("The first part."), "{page}");
    save(
        &course,
        "episodes/episode-001-hello/code/hello.py",
        "print('bye')\n",
    );
    wait_for(&mut events, "event: reload");
}

#[test]
fn images_an_episode_links_to_are_served_and_other_course_files_are_not() {
    let course = Course::new()
        .file("book.toml", "title = \"Served Course\"\n")
        .file(
            EPISODE,
            "# Episode 1: Hello\n\n## Intro\n\n![A dot](images/dot.svg)\n",
        )
        .file(
            "episodes/01-basics/images/dot.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n",
        );
    let served = Served::start(&course);
    let (status, page) = served.get(&format!("/{PAGE}"));
    assert_eq!(status, 200, "{page}");
    let src = page
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no image on the page: {page}"));
    assert!(src.starts_with("../"), "{src}");
    let url = format!("/{}", src.trim_start_matches("../"));
    let (status, body) = served.get(&url);
    assert_eq!(status, 200, "{url}");
    assert!(body.contains("<circle r=\"4\"/>"), "{body}");
    let (status, _) = served.get("/files/book.toml");
    assert_eq!(status, 404, "a file no page links to is not served");
}
