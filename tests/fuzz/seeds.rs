//! The seeds: the example course of the repository (`episodes/`, `enhancements/`, `book.toml`)
//! and every file under `tests/fixtures/`, cut into the regions each [`Target`] mutates.
//!
//! A seed is the file it lives in split into `before`, `region` and `after`; a case mutates
//! the region only and writes the whole file, with the seed's `context` (the rest of a small
//! course around it), into a temporary course.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::target::Target;

/// A file of a course: its path relative to the course root, and its bytes.
#[derive(Debug, Clone)]
pub struct CourseFile {
    /// Path relative to the course root (`episodes/01-x/episode-01-y.md`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// One seed of one target.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Where it comes from (repository path, and which block for Mermaid).
    pub name: String,
    /// Where the mutated file goes in the course.
    pub place: String,
    /// The file before the region.
    pub before: Vec<u8>,
    /// What the mutations change.
    pub region: Vec<u8>,
    /// The file after the region.
    pub after: Vec<u8>,
    /// The other files of the course.
    pub context: Arc<Vec<CourseFile>>,
}

impl Seed {
    /// The whole file with `region` in place of the seed's region.
    pub fn assemble(&self, region: &[u8]) -> Vec<u8> {
        let mut file = Vec::with_capacity(self.before.len() + region.len() + self.after.len());
        file.extend_from_slice(&self.before);
        file.extend_from_slice(region);
        file.extend_from_slice(&self.after);
        file
    }
}

/// Every seed, by target, and the lines the splicing mutations borrow.
#[derive(Debug, Default)]
pub struct Seeds {
    by_target: BTreeMap<Target, Vec<Seed>>,
    lines: BTreeMap<Target, Vec<Vec<u8>>>,
    all_lines: Vec<Vec<u8>>,
}

impl Seeds {
    /// The seeds of `target` (never empty for a loaded repository).
    pub fn of(&self, target: Target) -> &[Seed] {
        self.by_target.get(&target).map_or(&[], Vec::as_slice)
    }

    /// Lines of the regions of `target`.
    pub fn lines_of(&self, target: Target) -> &[Vec<u8>] {
        self.lines.get(&target).map_or(&[], Vec::as_slice)
    }

    /// Lines of every seed file.
    pub fn all_lines(&self) -> &[Vec<u8>] {
        &self.all_lines
    }

    fn add(&mut self, target: Target, seed: Seed) {
        let lines = self.lines.entry(target).or_default();
        lines.extend(seed.region.split(|b| *b == b'\n').map(<[u8]>::to_vec));
        self.by_target.entry(target).or_default().push(seed);
    }
}

/// The `book.toml` of a course the harness writes when a seed has none of its own.
const MINIMAL_BOOK: &str = "title = \"Fuzz Course\"\n";

/// Where a Mermaid seed is written, and the episode around it.
const DIAGRAM_PLACE: &str = "episodes/01-basics/episode-01-diagram.md";
const DIAGRAM_BEFORE: &str = "# Episode 1: Diagram\n\n**Duration**: 10 minutes\n\n## The diagram\n\nSome words about the topic of this episode, long enough to be a summary.\n\n```mermaid\n";
const DIAGRAM_AFTER: &str = "```\n\n## After\n\nMore words.\n";

/// One small diagram of every type the build knows, so every parser is reached even when the
/// course uses a few types only.
const DIAGRAM_TYPES: &[&str] = &[
    "flowchart LR\n  A[Start] --> B{Ok?}\n  B -->|yes| C((Done))\n  B -.-> D>Retry]\n  subgraph S [Group]\n    C --> E[(Store)]\n  end\n  classDef hot fill:#f96\n  class A hot\n",
    "graph TD; A-->B; B-->C\n",
    "sequenceDiagram\n  participant A as Client\n  A->>B: request\n  activate B\n  B-->>A: reply\n  deactivate B\n  loop every 5 s\n    A->>B: ping\n  end\n  Note over A,B: text\n  alt ok\n    B->>A: 200\n  else fail\n    B->>A: 500\n  end\n",
    "classDiagram\n  class Animal {\n    +String name\n    +eat() void\n  }\n  Animal <|-- Dog\n  Animal \"1\" --> \"*\" Leg : has\n",
    "stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy : job\n  state Busy {\n    [*] --> Work\n    Work --> [*]\n  }\n  Busy --> [*]\n",
    "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER {\n    string id PK\n    int total\n  }\n",
    "gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  section Build\n  Draft :a1, 2024-01-01, 10d\n  Review :after a1, 5d\n",
    "pie title Share\n  \"A\" : 40\n  \"B\" : 60\n",
    "mindmap\n  root((Course))\n    Episodes\n      Metrics\n    Series\n",
    "timeline\n  title History\n  2020 : First draft\n  2021 : Review : Publish\n",
    "journey\n  title Day\n  section Morning\n    Coffee: 5: Me\n    Commute: 2: Me, Bus\n",
    "gitGraph\n  commit\n  branch dev\n  checkout dev\n  commit id: \"x\"\n  checkout main\n  merge dev\n",
    "quadrantChart\n  title Reach\n  x-axis Low --> High\n  y-axis Low --> High\n  quadrant-1 Expand\n  quadrant-2 Promote\n  quadrant-3 Re-evaluate\n  quadrant-4 Improve\n  Campaign A: [0.3, 0.6]\n  Campaign B: [0.45, 0.23]\n",
    "requirementDiagram\n  requirement test_req {\n    id: 1\n    text: the test text.\n    risk: high\n    verifymethod: test\n  }\n  element test_entity {\n    type: simulation\n  }\n  test_entity - satisfies -> test_req\n",
    "C4Context\n  title System\n  Person(user, \"User\", \"A user\")\n  System(sys, \"System\", \"Does things\")\n  Rel(user, sys, \"Uses\")\n",
    "C4Container\n  title Containers\n  Container(web, \"Web\", \"Rust\", \"Serves pages\")\n  ContainerDb(db, \"DB\", \"SQL\")\n  Rel(web, db, \"Reads\")\n",
    "sankey-beta\n\nA,B,10\nB,C,5\nA,C,3\n",
    "xychart-beta\n  title \"Latency\"\n  x-axis [jan, feb, mar]\n  y-axis \"ms\" 0 --> 100\n  bar [10, 50, 30]\n  line [10, 50, 30]\n",
    "block-beta\n  columns 3\n  a b c\n  block:group1:2\n    d e\n  end\n  a --> d\n",
    "packet-beta\n  0-15: \"Source Port\"\n  16-31: \"Destination Port\"\n  32-63: \"Sequence Number\"\n",
    "kanban\n  Todo\n    [Write episode]\n  Done\n    [Plan series]\n",
    "architecture-beta\n  group api(cloud)[API]\n  service db(database)[Database] in api\n  service server(server)[Server] in api\n  db:L -- R:server\n",
    "radar-beta\n  axis a, b, c\n  curve x{1, 2, 3}\n",
    "treemap-beta\n  \"Root\"\n    \"A\": 10\n    \"B\": 20\n",
    "info\n",
];

/// A course folder found in the repository: its `book.toml` and episodes.
struct HomeCourse {
    book: Vec<u8>,
    episodes: Vec<CourseFile>,
}

/// Reads every seed from the repository at `repo`.
pub fn load(repo: &Path) -> io::Result<Seeds> {
    let mut seeds = Seeds::default();
    let example = read_course(repo)?;
    let fixtures = repo.join("tests/fixtures");
    let fixture_courses: Vec<(PathBuf, HomeCourse)> = files_under(&fixtures)?
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| name == "book.toml"))
        .map(|book| {
            let root = book.parent().unwrap_or(&fixtures).to_path_buf();
            read_course(&root).map(|course| (root, course))
        })
        .collect::<io::Result<_>>()?;

    let mut courses: Vec<(PathBuf, &HomeCourse)> = vec![(repo.to_path_buf(), &example)];
    courses.extend(
        fixture_courses
            .iter()
            .map(|(root, course)| (root.clone(), course)),
    );
    for (root, course) in &courses {
        let book_only = Arc::new(vec![CourseFile {
            path: "book.toml".into(),
            bytes: course.book.clone(),
        }]);
        for episode in &course.episodes {
            add_episode(
                &mut seeds,
                &display(repo, &root.join(&episode.path)),
                episode,
                &book_only,
            );
        }
        let episodes = Arc::new(course.episodes.clone());
        seeds.add(
            Target::Book,
            Seed {
                name: display(repo, &root.join("book.toml")),
                place: "book.toml".into(),
                before: Vec::new(),
                region: course.book.clone(),
                after: Vec::new(),
                context: episodes,
            },
        );
    }

    let mut documents = files_under(&repo.join("enhancements"))?;
    documents.extend(
        files_under(&fixtures)?
            .into_iter()
            .filter(|path| !path.components().any(|part| part.as_os_str() == "episodes")),
    );
    for path in documents.iter().filter(|path| has_extension(path, "md")) {
        let bytes = std::fs::read(path)?;
        let home = courses
            .iter()
            .filter(|(root, _)| root != repo)
            .find(|(root, _)| shares_fixture_folder(&fixtures, root, path))
            .or(courses.first())
            .map(|(_, course)| *course)
            .unwrap_or(&example);
        let mut context = vec![CourseFile {
            path: "book.toml".into(),
            bytes: home.book.clone(),
        }];
        context.extend(home.episodes.iter().cloned());
        let name = path.file_name().map_or_else(
            || "RECOMMENDATIONS.md".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        add_diagrams(&mut seeds, &display(repo, path), &bytes);
        seeds.add(
            Target::Recommendations,
            Seed {
                name: display(repo, path),
                place: format!("enhancements/{name}"),
                before: Vec::new(),
                region: bytes.clone(),
                after: Vec::new(),
                context: Arc::new(context),
            },
        );
    }

    for (index, source) in DIAGRAM_TYPES.iter().enumerate() {
        add_diagram(
            &mut seeds,
            format!("diagram type #{index}"),
            source.as_bytes(),
        );
    }

    seeds.all_lines = seeds
        .by_target
        .values()
        .flatten()
        .flat_map(|seed| {
            seed.assemble(&seed.region)
                .split(|b| *b == b'\n')
                .map(<[u8]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect();
    seeds.all_lines.sort();
    seeds.all_lines.dedup();
    Ok(seeds)
}

/// Adds the seeds an episode gives: Markdown (all of it), front matter, legacy header and its
/// diagrams.
fn add_episode(
    seeds: &mut Seeds,
    name: &str,
    episode: &CourseFile,
    context: &Arc<Vec<CourseFile>>,
) {
    let bytes = &episode.bytes;
    let lines = line_offsets(bytes);
    let seed = |before: &[u8], region: &[u8], after: &[u8]| Seed {
        name: name.to_string(),
        place: episode.path.clone(),
        before: before.to_vec(),
        region: region.to_vec(),
        after: after.to_vec(),
        context: Arc::clone(context),
    };
    seeds.add(Target::Markdown, seed(&[], bytes, &[]));

    let front_matter_end = front_matter_end(bytes, &lines);
    if let Some(end) = front_matter_end {
        seeds.add(Target::FrontMatter, seed(&[], &bytes[..end], &bytes[end..]));
    }
    // The legacy header is read when there is no front matter: drop it.
    let body = &bytes[front_matter_end.unwrap_or(0)..];
    let body_lines = line_offsets(body);
    let header = header_range(body, &body_lines);
    seeds.add(
        Target::LegacyHeader,
        seed(
            &body[..header.start],
            &body[header.clone()],
            &body[header.end..],
        ),
    );
    add_diagrams(seeds, name, bytes);
}

/// Adds one Mermaid seed per ```` ```mermaid ```` block of `bytes` (list indentation removed).
fn add_diagrams(seeds: &mut Seeds, name: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines();
    let mut count = 0;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with("```mermaid") {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let mut body = String::new();
        for inner in lines.by_ref() {
            if inner.trim_start().starts_with("```") {
                break;
            }
            body.push_str(
                inner
                    .get(indent.min(inner.len() - inner.trim_start().len())..)
                    .unwrap_or(inner),
            );
            body.push('\n');
        }
        count += 1;
        add_diagram(seeds, format!("{name} (diagram {count})"), body.as_bytes());
    }
}

fn add_diagram(seeds: &mut Seeds, name: String, source: &[u8]) {
    seeds.add(
        Target::Mermaid,
        Seed {
            name,
            place: DIAGRAM_PLACE.into(),
            before: DIAGRAM_BEFORE.as_bytes().to_vec(),
            region: source.to_vec(),
            after: DIAGRAM_AFTER.as_bytes().to_vec(),
            context: Arc::new(vec![CourseFile {
                path: "book.toml".into(),
                bytes: MINIMAL_BOOK.as_bytes().to_vec(),
            }]),
        },
    );
}

/// Start offsets of each line of `bytes`, plus `bytes.len()` at the end.
fn line_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut offsets = vec![0];
    offsets.extend(
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1)
            .filter(|i| *i < bytes.len()),
    );
    offsets.push(bytes.len());
    offsets
}

fn line_at<'b>(bytes: &'b [u8], lines: &[usize], index: usize) -> &'b [u8] {
    &bytes[lines[index]..lines[index + 1]]
}

/// End of the front matter (after its closing `---` line), when the file starts with one.
fn front_matter_end(bytes: &[u8], lines: &[usize]) -> Option<usize> {
    let count = lines.len() - 1;
    if count == 0 || line_at(bytes, lines, 0).trim_ascii_end() != b"---" {
        return None;
    }
    (1..count)
        .find(|i| line_at(bytes, lines, *i).trim_ascii_end() == b"---")
        .map(|i| lines[i + 1])
}

/// The legacy header: from the `# ` title to the first `---` rule or second-level heading
/// after its subtitle, at most 16 lines.
fn header_range(body: &[u8], lines: &[usize]) -> std::ops::Range<usize> {
    let count = lines.len() - 1;
    let Some(title) = (0..count).find(|i| line_at(body, lines, *i).starts_with(b"# ")) else {
        return 0..lines[count.min(8)];
    };
    let end = (title + 2..count.min(title + 16))
        .find(|i| {
            let line = line_at(body, lines, *i);
            line.starts_with(b"## ") || line.trim_ascii_end() == b"---"
        })
        .unwrap_or(count.min(title + 16));
    lines[title]..lines[end]
}

/// Reads the `book.toml` (or the minimal one) and the episodes of the course at `root`.
fn read_course(root: &Path) -> io::Result<HomeCourse> {
    let book = match std::fs::read(root.join("book.toml")) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => MINIMAL_BOOK.as_bytes().to_vec(),
        Err(error) => return Err(error),
    };
    let episodes = files_under(&root.join("episodes"))?
        .into_iter()
        .filter(|path| has_extension(path, "md"))
        .map(|path| {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            Ok(CourseFile {
                path: relative.to_string_lossy().replace('\\', "/"),
                bytes: std::fs::read(&path)?,
            })
        })
        .collect::<io::Result<_>>()?;
    Ok(HomeCourse { book, episodes })
}

/// Every file under `dir`, sorted (none when it does not exist).
fn files_under(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|ext| ext == extension)
}

/// True when `course` and `file` are in the same top-level folder of `tests/fixtures`.
fn shares_fixture_folder(fixtures: &Path, course: &Path, file: &Path) -> bool {
    let top = |path: &Path| {
        path.strip_prefix(fixtures)
            .ok()
            .and_then(|rest| rest.components().next())
            .map(|c| c.as_os_str().to_owned())
    };
    matches!((top(course), top(file)), (Some(a), Some(b)) if a == b)
}

fn display(repo: &Path, path: &Path) -> String {
    path.strip_prefix(repo)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
