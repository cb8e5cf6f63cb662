//! [`MermaidEngine`]: merman's parser and renderer, configured once, behind `catch_unwind`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use merman::svg::{HostTheme, Presentation, PresentationRenderPolicy, SvgRenderOptions};
use merman::{OperationControl, RenderOutput, RenderRequest, Renderer, SvgRequest};
use merman_core::{Engine, MermaidConfig, ParseOptions};

use crate::mermaid::kind::kind_title;
use crate::mermaid::{
    DiagramInfo, DiagramKind, MermaidError, Problem, RenderError, RenderOptions, errors, limits,
    model_info, quadrant, semantics, source_text, svg_rewrite, theme, type_names, undrawable,
};

/// Loaded once; reused for every diagram (holds the parser registries and the site theme).
///
/// Making one costs nothing: merman is configured on the first diagram, by the thread that
/// reaches it, so a course without diagrams never pays for it and a build configures it beside
/// its other work rather than before it. It is `Send + Sync` and never mutated once configured.
#[derive(Debug, Clone, Default)]
pub struct MermaidEngine {
    configured: OnceLock<Configured>,
}

/// merman's renderer, configured for the site.
#[derive(Debug, Clone)]
struct Configured {
    renderer: Renderer,
    presentation: PresentationRenderPolicy,
}

impl Configured {
    /// Builds the parser registries and applies the site palette (see the module docs).
    fn new() -> Self {
        let theme = theme::host_theme().unwrap_or_else(|_| HostTheme::new());
        let resolved = Presentation::new().with_theme(theme).resolve();
        // merman's flowchart default (`minNodeWidth: 120`, from Mermaid's newer look) draws
        // every circle and diamond at least 120 px across whatever its label: `((x))` became a
        // 186 px circle and a chain of them too wide for the column. Shapes fit their labels,
        // as in Mermaid's classic look.
        let site_config = MermaidConfig::from_value(serde_json::json!({
            "secure": LOCKED_KEYS,
            "flowchart": { "minNodeWidth": 0 },
        }));
        let engine = resolved.materialize_engine(Engine::new().with_site_config(site_config));
        Self {
            renderer: Renderer::new()
                .with_engine(engine)
                .with_parse_options(ParseOptions::strict()),
            presentation: resolved.render_policy(),
        }
    }
}

impl MermaidEngine {
    /// An engine that configures merman when it first meets a diagram.
    pub fn new() -> Self {
        Self::default()
    }

    /// merman's renderer and presentation, configured on first use. Always called outside
    /// [`guarded`]: a panic while configuring is a fault of the tool, not of a diagram.
    fn configured(&self) -> &Configured {
        self.configured.get_or_init(Configured::new)
    }

    /// Parses one diagram and reports its kind, labels and accessibility texts, or the first
    /// syntax error. An unknown diagram type is an error listing the supported types.
    pub fn validate(&self, source: &str) -> Result<DiagramInfo, MermaidError> {
        let source = source_text::normalize(source);
        let kind = detect_kind(&source)?;
        limits::check(&source, kind)?;
        let source = workarounds(source, kind);
        let engine = self.configured().renderer.engine();
        let parsed = guarded(|| engine.parse_diagram_sync(&source, ParseOptions::strict()))?;
        match parsed {
            Ok(Some(diagram)) => self.judge(&source, kind, diagram.model.as_value()),
            Ok(None) => Err(type_names::unknown_type(&source)),
            Err(error) => Err(errors::from_parse_error(&source, kind, &error)),
        }
    }

    /// Validates one diagram as [`validate`](Self::validate) does and draws it as
    /// [`render`](Self::render) does, from the same parse: a build that draws what it checks
    /// parses each diagram once. The drawing is named as a page names it (the diagram's
    /// [accessible name](DiagramInfo::accessible_name) and `accDescr`); `diagram_id` is given
    /// those two texts and returns the id to draw with, or `None` to skip the drawing.
    ///
    /// A diagram that does not parse is validated on its own, for its positioned error.
    pub fn validate_and_render(
        &self,
        source: &str,
        diagram_id: impl FnOnce(&str, Option<&str>) -> Option<String>,
    ) -> (
        Result<DiagramInfo, MermaidError>,
        Option<Result<String, RenderError>>,
    ) {
        let normalized = source_text::normalize(source);
        let kind = match detect_kind(&normalized) {
            Ok(kind) => kind,
            Err(error) => return (Err(error), None),
        };
        if let Err(error) = limits::check(&normalized, kind) {
            return (Err(error), None);
        }
        let normalized = workarounds(normalized, kind);
        // The renderer's parse options and input limits are those `render` uses for SVG (both
        // merman's interactive profile).
        let renderer = &self.configured().renderer;
        let prepared = guarded(|| renderer.prepare_semantic(&normalized, OperationControl::new()));
        let Ok(Ok(Some(artifact))) = prepared else {
            return (self.validate(source), None);
        };
        let Ok(Ok(json)) = guarded(|| artifact.compatibility_json()) else {
            return (self.validate(source), None);
        };
        // What the validating parse does after its own parse (`parse_diagram_sync`).
        let mut model = json.into_unmanaged_value();
        merman_core::common_db::apply_common_db_sanitization(
            &mut model,
            &artifact.metadata().effective_config,
        );
        let info = match self.judge(&normalized, kind, &model) {
            Ok(info) => info,
            Err(error) => return (Err(error), None),
        };
        let name = info.accessible_name();
        let Some(id) = diagram_id(&name, info.acc_descr.as_deref()) else {
            return (Ok(info), None);
        };
        let opts = RenderOptions {
            diagram_id: &id,
            title: Some(&name),
            description: info.acc_descr.as_deref(),
        };
        let (request, diagram_id) = self.svg_request(&opts);
        let rendered = guarded(|| artifact.render(merman::RenderTarget::Svg(request)));
        let drawn = match rendered {
            Ok(rendered) => self.finish_svg(&normalized, kind, rendered, &diagram_id, &opts),
            Err(error) => Err(error.into()),
        };
        (Ok(info), Some(drawn))
    }

    /// The verdict on a diagram that parsed, from its semantic model.
    fn judge(
        &self,
        source: &str,
        kind: DiagramKind,
        model: &serde_json::Value,
    ) -> Result<DiagramInfo, MermaidError> {
        if model_info::draws_nothing(kind, model) {
            Err(errors::nothing_to_draw(source, kind))
        } else if errors::math_line(source, kind).is_some() {
            Err(errors::unsupported_math(source, kind))
        } else if let Some(error) = errors::accepted_but_invalid(source, kind) {
            Err(error)
        } else if let Some(error) = semantics::check(source, kind) {
            Err(error)
        } else if let Some(error) = undrawable::check(source, kind, model) {
            Err(error)
        } else {
            Ok(model_info::describe(kind, model))
        }
    }

    /// Renders one diagram to a self-contained inline `<svg>` element (see the module docs for
    /// what the output guarantees).
    pub fn render(&self, source: &str, opts: &RenderOptions) -> Result<String, RenderError> {
        let source = source_text::normalize(source);
        let kind = detect_kind(&source)?;
        limits::check(&source, kind)?;
        let source = workarounds(source, kind);
        let (request, diagram_id) = self.svg_request(opts);
        let renderer = &self.configured().renderer;
        let rendered = guarded(|| {
            renderer.render(RenderRequest::svg(
                &source,
                OperationControl::new(),
                request,
            ))
        })?;
        self.finish_svg(&source, kind, rendered, &diagram_id, opts)
    }

    /// The SVG request for `opts`, and the sanitised diagram id it uses.
    fn svg_request(&self, opts: &RenderOptions) -> (SvgRequest, String) {
        let diagram_id = merman::svg::sanitize_svg_id(opts.diagram_id);
        let request = SvgRequest {
            presentation: self.configured().presentation,
            options: SvgRenderOptions {
                diagram_id: Some(diagram_id.clone()),
                ..SvgRenderOptions::default()
            },
            ..SvgRequest::default()
        };
        (request, diagram_id)
    }

    /// merman's output made into the site's SVG, or the error explained.
    fn finish_svg(
        &self,
        source: &str,
        kind: DiagramKind,
        rendered: Result<RenderOutput, merman::RenderError>,
        diagram_id: &str,
        opts: &RenderOptions,
    ) -> Result<String, RenderError> {
        let raw_svg = match rendered {
            Ok(RenderOutput::Svg(Some(svg))) => svg.into_parts().0,
            Ok(_) => return Err(type_names::unknown_type(source).into()),
            Err(merman::RenderError::Parse(_)) => return Err(self.syntax_error(source).into()),
            Err(other) => return Err(self.layout_error(source, &other)),
        };
        let accessibility = svg_rewrite::Accessibility {
            title: opts.title,
            description: opts.description,
            fallback_title: kind_title(kind),
        };
        let svg = svg_rewrite::finish(&raw_svg, kind, diagram_id, &accessibility);
        // Whatever produced it, a drawing with such a coordinate is never written to the site.
        match svg_rewrite::non_finite_coordinate(&svg) {
            Some(place) => Err(RenderError::Layout(format!(
                "the drawing has a coordinate that is not a number: {place}"
            ))),
            None => Ok(svg),
        }
    }

    /// A layout failure; when validation also finds a problem (an empty sequence diagram makes
    /// merman's layout fail), that positioned error is the more useful report.
    fn layout_error(&self, source: &str, error: &merman::RenderError) -> RenderError {
        match self.validate(source) {
            Err(syntax) => RenderError::Syntax(syntax),
            Ok(_) => RenderError::Layout(error.to_string()),
        }
    }

    /// Re-parses a source the renderer rejected, to report the error with its position.
    fn syntax_error(&self, source: &str) -> MermaidError {
        match self.validate(source) {
            Err(error) => error,
            Ok(_) => MermaidError {
                problem: Problem::Invalid,
                line: None,
                column: None,
                message: "the diagram could not be parsed for rendering".to_string(),
            },
        }
    }
}

/// Configuration keys a diagram may not override with `%%{init: …}%%` or front matter: merman's
/// hardened defaults plus the theme, so every diagram follows the site palette.
pub(super) const LOCKED_KEYS: &[&str] = &[
    "secure",
    "securityLevel",
    "startOnLoad",
    "maxTextSize",
    "suppressErrorRendering",
    "maxEdges",
    "themeCSS",
    "theme",
    "themeVariables",
    "darkMode",
];

/// Rewrites what Mermaid accepts but merman does not, keeping every offset (see `quadrant`).
fn workarounds(source: String, kind: DiagramKind) -> String {
    match kind {
        DiagramKind::Quadrant => quadrant::spell_one_plainly(&source),
        _ => source,
    }
}

/// Detects the kind or explains which types exist; a header with nothing after it is an error.
fn detect_kind(source: &str) -> Result<DiagramKind, MermaidError> {
    let kind = DiagramKind::detect(source).ok_or_else(|| type_names::unknown_type(source))?;
    match source_text::header(source) {
        Some(header) if source_text::is_only_header(source, &header) => Err(MermaidError {
            problem: Problem::Invalid,
            line: Some(header.line),
            column: None,
            message: format!(
                "the {} is empty; add its content on the lines after `{}`",
                kind.label(),
                header.keyword
            ),
        }),
        _ => Ok(kind),
    }
}

/// Runs a merman call, turning a panic into an error that names the problem.
fn guarded<T>(call: impl FnOnce() -> T) -> Result<T, MermaidError> {
    catch_unwind(AssertUnwindSafe(call)).map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no details".to_string());
        MermaidError {
            problem: Problem::Invalid,
            line: None,
            column: None,
            message: format!(
                "merman crashed on this diagram ({detail}); simplify the diagram or report it"
            ),
        }
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowchart_shapes_fit_their_labels() {
        let svg = MermaidEngine::new()
            .render(
                "flowchart LR\n    A((x)) --> B{ok?}\n",
                &RenderOptions::new("f"),
            )
            .unwrap_or_else(|error| panic!("{error}"));
        let radius: f64 = svg
            .split(r#"<circle class="basic label-container" style="" r=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("no node circle: {svg}"));
        // 93 px with merman's default minimum width.
        assert!(
            radius < 50.0,
            "a one-letter circle is {radius} px in radius"
        );
        let max_width: f64 = svg
            .split("max-width: ")
            .nth(1)
            .and_then(|rest| rest.split("px").next())
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("no max-width: {svg}"));
        assert!(max_width < 260.0, "two short nodes are {max_width} px wide");
    }

    /// One diagram of each family, with accessibility texts, HTML in labels and a few that
    /// must fail (syntax, nothing to draw, unknown type, math).
    const KINDS: &[&str] = &[
        "flowchart LR\n    accTitle: Edge\n    accDescr: Requests reach the origin\n    A[Client<br/>app] -->|GET| B{Cache?}\n    B -- hit --> C[(Store)]\n    click A \"https://example.org\"\n",
        "sequenceDiagram\n    autonumber\n    participant A as Alice\n    A->>Bob: Hello <b>there</b>\n    Note right of Bob: thinks\n    Bob-->>A: Hi\n",
        "classDiagram\n    class Animal {\n      +String name\n      +eat() void\n    }\n    Animal <|-- Dog : inherits\n",
        "stateDiagram-v2\n    [*] --> Idle\n    Idle --> Running : start\n    note right of Running : busy\n    Running --> [*]\n",
        "erDiagram\n    CUSTOMER ||--o{ ORDER : places\n    ORDER { int id PK\n string note }\n",
        "gantt\n    title Rollout\n    dateFormat YYYY-MM-DD\n    section Build\n    Code :a1, 2024-01-01, 10d\n    Test :after a1, 5d\n",
        "pie title Pets\n    \"Dogs\" : 386\n    \"Cats\" : 85\n",
        "journey\n    title Checkout\n    section Browse\n      Find item: 5: Me\n",
        "quadrantChart\n    title Reach\n    x-axis Low --> High\n    y-axis Low --> High\n    quadrant-1 Expand\n    A: [0.3, 0.6]\n",
        "mindmap\n  root((Course))\n    Episodes\n      Diagrams\n",
        "timeline\n    title History\n    2020 : Start\n    2021 : Growth\n",
        "gitGraph\n    commit\n    branch feature\n    commit\n    checkout main\n    merge feature\n",
        "xychart-beta\n    title \"Latency\"\n    x-axis [a, b, c]\n    y-axis \"ms\" 0 --> 100\n    bar [10, 50, 90]\n",
        "sankey-beta\n\nA,B,10\nB,C,5\n",
        "block-beta\n    columns 2\n    a b\n",
        "requirementDiagram\n    requirement r1 {\n    id: 1\n    text: fast\n    risk: high\n    verifymethod: test\n    }\n",
        "C4Context\n    title System\n    Person(user, \"User\")\n    System(sys, \"Course site\")\n    Rel(user, sys, \"Reads\")\n",
        "architecture-beta\n    service api(server)[API]\n    service db(database)[DB]\n    api:R -- L:db\n",
        "packet-beta\n    0-15: \"Source Port\"\n    16-31: \"Destination Port\"\n",
        "kanban\n  todo[Todo]\n    t1[Write episode]\n",
        "flowchart TD\n    A --> \n",
        "graf TD\n    A --> B\n",
        "pie title Nothing\n",
        "flowchart LR\n    A[\"$$x^2$$\"] --> B\n",
        "sequenceDiagram\n",
    ];

    /// Every Mermaid block of the example course and the test fixtures.
    fn repository_diagrams() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in ["episodes", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if entry.path().extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                let mut lines = text.lines();
                while let Some(line) = lines.next() {
                    if line.trim_start().starts_with("```mermaid") {
                        let body: Vec<&str> = lines
                            .by_ref()
                            .take_while(|l| !l.trim_start().starts_with("```"))
                            .collect();
                        found.push(body.join("\n") + "\n");
                    }
                }
            }
        }
        found
    }

    #[test]
    fn one_parse_gives_the_verdict_and_the_drawing_of_two() {
        let engine = MermaidEngine::new();
        let repository = repository_diagrams();
        assert!(
            repository.len() >= 10,
            "{} diagrams found",
            repository.len()
        );
        let mut drawn = 0;
        for source in KINDS
            .iter()
            .copied()
            .chain(repository.iter().map(String::as_str))
        {
            let alone = engine.validate(source);
            let (together, none) = engine.validate_and_render(source, |_, _| None);
            assert_eq!(together, alone, "{source}");
            assert!(none.is_none());
            let Ok(info) = &alone else { continue };
            let name = info.accessible_name();
            let opts = RenderOptions {
                diagram_id: "page-d1",
                title: Some(name.as_str()),
                description: info.acc_descr.as_deref(),
            };
            let (_, svg) = engine.validate_and_render(source, |title, description| {
                assert_eq!((Some(title), description), (opts.title, opts.description));
                Some(opts.diagram_id.to_owned())
            });
            assert_eq!(svg, Some(engine.render(source, &opts)), "{source}");
            drawn += 1;
        }
        assert!(drawn >= 30, "{drawn} drawn");
    }
    use crate::mermaid::render_tests::render;

    use crate::mermaid::render_tests::{engine, error_of};

    #[test]
    fn validate_reports_kind_and_labels() {
        let source = "graph TB\n    subgraph \"Origin\"\n        U[Upload<br/>Centers] --> O[Origin Storage]\n    end\n";
        let info = engine().validate(source);
        let Ok(info) = info else {
            panic!("{info:?}");
        };
        assert_eq!(info.kind, DiagramKind::Flowchart);
        assert_eq!(info.labels, ["Origin", "Upload Centers", "Origin Storage"]);
        assert_eq!(info.acc_title, None);
    }

    #[test]
    fn labels_are_read_without_icons_or_markdown_marks() {
        let source = "flowchart LR\n    A[\"`**Bold** start`\"] --> B[\"fa:fa-car Drive\"]\n    C[\"2 * 3\"]\n";
        let labels = engine().validate(source).map(|info| info.labels);
        assert_eq!(
            labels,
            Ok(vec![
                "Bold start".to_string(),
                "Drive".to_string(),
                "2 * 3".to_string()
            ])
        );
    }

    #[test]
    fn validate_lists_sequence_participants() {
        let source = "sequenceDiagram\n    participant A as Alice\n    A->>Bob: hi\n";
        let labels = engine().validate(source).map(|info| info.labels);
        assert_eq!(labels, Ok(vec!["Alice".to_string(), "Bob".to_string()]));
    }

    #[test]
    fn quoted_subgraph_title_with_trailing_spaces_validates() {
        let source = "graph TB\n    subgraph \"AZ-2\"  \n        S3[Storage Node 3]\n    end\n";
        assert!(engine().validate(source).is_ok());
        let svg = render(source, "az");
        assert!(svg.contains("AZ-2"));
    }

    #[test]
    fn a_header_alone_is_an_empty_diagram() {
        let error = error_of("sequenceDiagram\n\n");
        assert_eq!(error.line, Some(1));
        assert!(
            error.message.contains("sequence diagram is empty"),
            "{}",
            error.message
        );
        assert!(
            error_of("graph TD\n%% nothing yet\n")
                .message
                .contains("empty")
        );
        assert!(engine().validate("graph TD; A-->B").is_ok());
        let error = error_of("sequenceDiagram\n    accDescr: nobody here\n");
        assert_eq!(error.message, "the sequence diagram has nothing to draw");
        let render = engine().render(
            "sequenceDiagram\n    %% later\n    accTitle: x\n",
            &RenderOptions::new("e"),
        );
        assert!(matches!(render, Err(RenderError::Syntax(_))), "{render:?}");
    }

    #[test]
    fn a_drawing_with_a_coordinate_that_is_not_a_number_is_refused() {
        // Drawn without validation, a Gantt chart of sections only has no dates for its axis.
        let drawn = engine().render(
            "gantt\n  section A\n  section B\n",
            &RenderOptions::new("g"),
        );
        match drawn {
            Err(RenderError::Layout(message)) => {
                assert!(message.contains("not a number"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let error = error_of("gantt\n  section A\n  section B\n");
        assert_eq!(error.problem, Problem::Undrawable);
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<MermaidEngine>();
    }
}
