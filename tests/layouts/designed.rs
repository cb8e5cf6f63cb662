//! The designed recommendations: what each asks of which episode, and the verdict a careful
//! reader gives it against the fixture course, with the reason.
//!
//! The same statements are written by hand in every layout under
//! `tests/fixtures/layouts/docs/`, and rendered by [`crate::layouts::render`] for the
//! property test.

use super::fixture::Row;

/// The two series of the fixture course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Series {
    PatternDrills,
    CaseStudies,
}

impl Series {
    /// Both, in course order.
    pub(crate) const ALL: [Series; 2] = [Series::PatternDrills, Series::CaseStudies];

    /// The name editors write.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Series::PatternDrills => "Pattern Drills",
            Series::CaseStudies => "Case Studies",
        }
    }

    /// The slug the JSON output uses.
    pub(crate) fn slug(self) -> &'static str {
        match self {
            Series::PatternDrills => "pattern-drills",
            Series::CaseStudies => "case-studies",
        }
    }
}

/// An episode of the fixture course.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Episode {
    pub series: Series,
    pub number: u32,
    pub title: &'static str,
}

/// The six episodes, in course order: numbers 1-3 in both series.
pub(crate) const EPISODES: [Episode; 6] = [
    Episode {
        series: Series::PatternDrills,
        number: 1,
        title: "Retry Budgets at Globex",
    },
    Episode {
        series: Series::PatternDrills,
        number: 2,
        title: "Circuit Breakers at Initech",
    },
    Episode {
        series: Series::PatternDrills,
        number: 3,
        title: "Load Shedding at Hooli",
    },
    Episode {
        series: Series::CaseStudies,
        number: 1,
        title: "The Globex Checkout Outage",
    },
    Episode {
        series: Series::CaseStudies,
        number: 2,
        title: "Box Scores at Hooli Sports",
    },
    Episode {
        series: Series::CaseStudies,
        number: 3,
        title: "The Initech Payment Queue Migration",
    },
];

/// An example block that shows what is wanted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Example {
    /// The fence's info string.
    pub lang: &'static str,
    /// The fence's body, each line ending with a newline.
    pub body: &'static str,
}

/// What a statement asks.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ask {
    /// Add a block.
    Add {
        /// What to add, as a noun phrase in lower case: "a flowchart of the Globex retry path".
        what: &'static str,
        /// The kind in the structured form (`metrics`, `mermaid:sequence`, …).
        kind: &'static str,
        /// What the block must cover.
        covers: &'static [&'static str],
        /// An example, in the layouts that carry one.
        example: Option<Example>,
    },
    /// The episode is said to have `count` blocks of a kind already.
    Claim {
        /// The kind in the structured form (`mermaid`, `code`).
        kind: &'static str,
        /// How many.
        count: u32,
        /// The count in words, as a memo writes it.
        count_word: &'static str,
        /// The blocks, plural: "Mermaid diagrams".
        blocks: &'static str,
    },
}

impl Ask {
    /// The structured kind.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Ask::Add { kind, .. } | Ask::Claim { kind, .. } => kind,
        }
    }

    /// The part of the kind before `:`.
    pub(crate) fn family(&self) -> &'static str {
        let kind = self.kind();
        kind.split(':').next().unwrap_or(kind)
    }
}

/// One designed statement about one episode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec {
    /// Index into [`EPISODES`].
    pub episode: usize,
    /// What it asks.
    pub ask: Ask,
    /// The verdict a careful reader gives.
    pub verdict: &'static str,
    /// Why.
    pub why: &'static str,
}

/// The designed verdicts with their reasons, one line each, for failure messages.
pub(crate) fn reasons() -> String {
    let mut out: String = RECS
        .iter()
        .map(|rec| {
            let e = EPISODES[rec.episode];
            format!(
                "    {} #{} {} {}: {}\n",
                e.series.slug(),
                e.number,
                rec.ask.family(),
                rec.verdict,
                rec.why
            )
        })
        .collect();
    out.push_str("    every episode interactive: satisfied in pattern-drills #1 (\"Try it: retry budget calculator\"), missing elsewhere\n");
    out
}

const METRICS_DICT: Example = Example {
    lang: "python",
    body: "GLOBEX_RETRY_BUDGET = {\n    \"retry_ratio\": \"4.2% of requests\",\n    \"budget\": \"10% of live requests\",\n    \"retries_rejected_by_the_budget\": \"1,850 per minute at peak\",\n    \"p99_latency_with_the_budget\": \"310 ms\",\n}\n",
};

const RETRY_BUDGET_CLASS: Example = Example {
    lang: "python",
    body: "class RetryBudget:\n    def __init__(self, ratio=0.1):\n        self.ratio = ratio\n        self.requests = 0\n        self.retries = 0\n\n    def record_request(self):\n        self.requests += 1\n\n    def can_retry(self):\n        if self.retries < self.ratio * self.requests:\n            self.retries += 1\n            return True\n        return False\n",
};

const LEDGER_SEQUENCE: Example = Example {
    lang: "mermaid",
    body: "sequenceDiagram\n    participant Checkout as Checkout API\n    participant Breaker as Ledger breaker\n    participant Ledger as Ledger service\n    Checkout->>Breaker: post entry\n    Breaker->>Ledger: forward\n    Ledger-->>Breaker: timeout\n    Breaker-->>Checkout: fail fast while open\n    Breaker->>Ledger: single probe\n",
};

const HOOLI_CULTURE: Example = Example {
    lang: "markdown",
    body: "### Hooli Engineering Culture: Shedding Is a Feature\n- **Quarterly load drills**: every team sheds its own traffic in production\n- **Owners rank the work**: product owners decide which requests go first\n- **Blameless reviews**: a shed that protected checkout counts as a success\n",
};

const GLOBEX_CULTURE: Example = Example {
    lang: "markdown",
    body: "### Globex Engineering Culture: Blameless Reviews\n- **Blameless write-ups**: published the week after every outage\n- **Retry reviews**: the reliability guild reviews every new retry loop\n",
};

const RETRY_PATH_FLOWCHART: Example = Example {
    lang: "mermaid",
    body: "flowchart LR\n    Checkout[Checkout service] --> Client[Gateway client]\n    Client --> Budget{Budget left?}\n    Budget -->|yes| Retry[Retry with backoff]\n    Budget -->|no| FailFast[Fail fast to caller]\n",
};

const CACHE_METRICS_TABLE: Example = Example {
    lang: "markdown",
    body: "| Metric | Opening day | Ordinary evening |\n|--------|-------------|------------------|\n| Cache hit rate | 94% | 98% |\n| Evictions per minute | 1,200 | 150 |\n| p99 read latency | 8 ms | 3 ms |\n| Database reads per second | 2,400 | 300 |\n",
};

const CACHE_MISS_SEQUENCE: Example = Example {
    lang: "mermaid",
    body: "sequenceDiagram\n    participant Phone as Fan phone\n    participant API as Stats API\n    participant Cache as Box-score cache\n    participant DB as Stats database\n    Phone->>API: GET box score\n    API->>Cache: lookup game\n    Cache-->>API: miss\n    API->>DB: read box score\n    DB-->>API: rows\n    API-->>Phone: box score\n",
};

const HIT_RATE_EXPLORER: Example = Example {
    lang: "python",
    body: "class HitRateExplorer:\n    \"\"\"Readers move the TTL slider and watch the hit rate change.\"\"\"\n\n    def __init__(self, ttl_seconds=5, reads_per_second=20000, games=15):\n        self.ttl = ttl_seconds\n        self.rate = reads_per_second\n        self.games = games\n\n    def hit_rate(self):\n        return 1 - (self.games / self.ttl) / self.rate\n",
};

const QUEUE_METRICS_YAML: Example = Example {
    lang: "yaml",
    body: "initech_queue_migration:\n  queue depth: 12,000 events before cut-over\n  consumer lag: 800 ms at p99\n  messages per second: 4,500\n  duplicate deliveries: 0.02% of events\n",
};

/// Every designed statement about a single episode, in the order the hand-written layouts
/// give them.
pub(crate) const RECS: [Rec; 13] = [
    Rec {
        episode: 0,
        ask: Ask::Add {
            what: "Globex retry budget production metrics",
            kind: "metrics",
            covers: &[
                "Retry ratio",
                "Budget",
                "Retries rejected by the budget",
                "p99 latency with the budget",
            ],
            example: Some(METRICS_DICT),
        },
        verdict: "satisfied",
        why: "a dedicated bold-label list on the Globex retry budget with those labels",
    },
    Rec {
        episode: 0,
        ask: Ask::Add {
            what: "a complete RetryBudget class in Python",
            kind: "code:python",
            covers: &["RetryBudget", "record_request", "can_retry"],
            example: Some(RETRY_BUDGET_CLASS),
        },
        verdict: "satisfied",
        why: "the episode's Python RetryBudget class has both methods",
    },
    Rec {
        episode: 1,
        ask: Ask::Claim {
            kind: "mermaid",
            count: 2,
            count_word: "two",
            blocks: "Mermaid diagrams",
        },
        verdict: "satisfied",
        why: "claim of 2 diagrams: the episode has exactly 2 (a flowchart and a sequence)",
    },
    Rec {
        episode: 1,
        ask: Ask::Add {
            what: "a sequence diagram of the Initech ledger breaker tripping",
            kind: "mermaid:sequence",
            covers: &["Checkout API", "Ledger breaker", "Ledger service"],
            example: Some(LEDGER_SEQUENCE),
        },
        verdict: "satisfied",
        why: "the episode's sequence diagram has the same three participants",
    },
    Rec {
        episode: 2,
        ask: Ask::Claim {
            kind: "code",
            count: 3,
            count_word: "three",
            blocks: "code examples",
        },
        verdict: "partial",
        why: "claim of 3 code examples: the episode has 2 (Go and Python)",
    },
    Rec {
        episode: 2,
        ask: Ask::Add {
            what: "a diagram of Hooli's load-shedding decision",
            kind: "mermaid",
            covers: &[],
            example: None,
        },
        verdict: "missing",
        why: "the episode has no diagram at all (the item has no example: any diagram type)",
    },
    Rec {
        episode: 2,
        ask: Ask::Add {
            what: "a section on Hooli engineering culture",
            kind: "prose:culture",
            covers: &[
                "Quarterly load drills",
                "Owners rank the work",
                "Blameless reviews",
            ],
            example: Some(HOOLI_CULTURE),
        },
        verdict: "satisfied",
        why: "a dedicated \"Hooli Engineering Culture\" section with those practices",
    },
    Rec {
        episode: 3,
        ask: Ask::Add {
            what: "a section on Globex engineering culture",
            kind: "prose:culture",
            covers: &["Blameless write-ups", "Retry reviews"],
            example: Some(GLOBEX_CULTURE),
        },
        verdict: "missing",
        why: "only a passing mention of Globex's culture in a recovery paragraph",
    },
    Rec {
        episode: 3,
        ask: Ask::Add {
            what: "a flowchart of the Globex retry path",
            kind: "mermaid:flowchart",
            covers: &[
                "Checkout service",
                "Gateway client",
                "Budget left?",
                "Retry with backoff",
                "Fail fast to caller",
            ],
            example: Some(RETRY_PATH_FLOWCHART),
        },
        verdict: "missing",
        why: "no diagram here; the matching flowchart is in Pattern Drills episode 1",
    },
    Rec {
        episode: 4,
        ask: Ask::Add {
            what: "Hooli stats cache production metrics",
            kind: "metrics",
            covers: &[
                "Cache hit rate",
                "Evictions per minute",
                "p99 read latency",
                "Database reads per second",
            ],
            example: Some(CACHE_METRICS_TABLE),
        },
        verdict: "partial",
        why: "the only numbers are a batting table whose \"Hit rate\" is not a cache's",
    },
    Rec {
        episode: 4,
        ask: Ask::Add {
            what: "a sequence diagram of a box-score cache miss",
            kind: "mermaid:sequence",
            covers: &[
                "Fan phone",
                "Stats API",
                "Box-score cache",
                "Stats database",
            ],
            example: Some(CACHE_MISS_SEQUENCE),
        },
        verdict: "partial",
        why: "the episode has a flowchart of the same pipeline, not a sequence diagram",
    },
    Rec {
        episode: 4,
        ask: Ask::Add {
            what: "a cache hit-rate explorer",
            kind: "interactive",
            covers: &["TTL slider", "hit rate"],
            example: Some(HIT_RATE_EXPLORER),
        },
        verdict: "missing",
        why: "no interactive element (the example is Python, the intent is an explorer)",
    },
    Rec {
        episode: 5,
        ask: Ask::Add {
            what: "Initech queue migration metrics",
            kind: "metrics",
            covers: &[
                "Queue depth",
                "Consumer lag",
                "Messages per second",
                "Duplicate deliveries",
            ],
            example: Some(QUEUE_METRICS_YAML),
        },
        verdict: "missing",
        why: "the terms appear only as variables inside a Python sample: no metrics block",
    },
];

/// The document-wide statement "for every episode above, add a 'Try it' interactive
/// element": one requirement for each episode the document targets. Only Pattern Drills
/// episode 1 has one ("Try it: retry budget calculator").
pub(crate) fn every_episode_verdict(episode: usize) -> &'static str {
    if episode == 0 { "satisfied" } else { "missing" }
}

/// A statement of a document: one of [`RECS`], or the document-wide one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Statement {
    /// `RECS[i]`.
    Rec(usize),
    /// "For every episode above, add a 'Try it' interactive element."
    EveryEpisode,
}

/// All statements, as the hand-written layouts give them.
pub(crate) fn all_statements() -> Vec<Statement> {
    (0..RECS.len())
        .map(Statement::Rec)
        .chain([Statement::EveryEpisode])
        .collect()
}

/// The episodes (indices into [`EPISODES`]) the statements name, in course order.
pub(crate) fn targeted(statements: &[Statement]) -> Vec<usize> {
    let mut episodes: Vec<usize> = statements
        .iter()
        .filter_map(|s| match s {
            Statement::Rec(i) => Some(RECS[*i].episode),
            Statement::EveryEpisode => None,
        })
        .collect();
    episodes.sort_unstable();
    episodes.dedup();
    episodes
}

/// The verdict rows a careful reader expects for these statements, sorted.
pub(crate) fn expected(statements: &[Statement]) -> Vec<Row> {
    let row = |episode: usize, family: &str, verdict: &str| {
        let e = EPISODES[episode];
        (
            e.series.slug().to_owned(),
            e.number,
            family.to_owned(),
            verdict.to_owned(),
        )
    };
    let mut rows = Vec::new();
    for statement in statements {
        match statement {
            Statement::Rec(i) => {
                let rec = &RECS[*i];
                rows.push(row(rec.episode, rec.ask.family(), rec.verdict));
            }
            Statement::EveryEpisode => rows.extend(
                targeted(statements)
                    .into_iter()
                    .map(|e| row(e, "interactive", every_episode_verdict(e))),
            ),
        }
    }
    rows.sort();
    rows
}

/// The designed verdict table for the whole document, written out: series slug, episode,
/// kind family, verdict.
pub(crate) const TABLE: [(&str, u32, &str, &str); 19] = [
    ("case-studies", 1, "interactive", "missing"),
    ("case-studies", 1, "mermaid", "missing"),
    ("case-studies", 1, "prose", "missing"),
    ("case-studies", 2, "interactive", "missing"),
    ("case-studies", 2, "interactive", "missing"),
    ("case-studies", 2, "mermaid", "partial"),
    ("case-studies", 2, "metrics", "partial"),
    ("case-studies", 3, "interactive", "missing"),
    ("case-studies", 3, "metrics", "missing"),
    ("pattern-drills", 1, "code", "satisfied"),
    ("pattern-drills", 1, "interactive", "satisfied"),
    ("pattern-drills", 1, "metrics", "satisfied"),
    ("pattern-drills", 2, "interactive", "missing"),
    ("pattern-drills", 2, "mermaid", "satisfied"),
    ("pattern-drills", 2, "mermaid", "satisfied"),
    ("pattern-drills", 3, "code", "partial"),
    ("pattern-drills", 3, "interactive", "missing"),
    ("pattern-drills", 3, "mermaid", "missing"),
    ("pattern-drills", 3, "prose", "satisfied"),
];

/// [`TABLE`] as rows.
pub(crate) fn table() -> Vec<Row> {
    let mut rows: Vec<Row> = TABLE
        .iter()
        .map(|(series, number, family, verdict)| {
            (
                (*series).to_owned(),
                *number,
                (*family).to_owned(),
                (*verdict).to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn the_written_table_is_the_one_the_designed_statements_give() {
    assert_eq!(expected(&all_statements()), table());
}
