//! [`MermaidEngine`]: merman's parser and renderer, configured once, behind `catch_unwind`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use merman::svg::{HostTheme, Presentation, PresentationRenderPolicy, SvgRenderOptions};
use merman::{OperationControl, RenderOutput, RenderRequest, Renderer, SvgRequest};
use merman_core::{Engine, MermaidConfig, ParseOptions};

use crate::mermaid::kind::kind_title;
use crate::mermaid::{
    DiagramInfo, DiagramKind, MermaidError, RenderError, RenderOptions, errors, limits, model_info,
    quadrant, source_text, svg_rewrite, theme, type_names,
};

/// Loaded once; reused for every diagram (holds the parser registries and the site theme).
///
/// It is `Send + Sync` and never mutated after construction.
#[derive(Debug, Clone)]
pub struct MermaidEngine {
    renderer: Renderer,
    presentation: PresentationRenderPolicy,
}

impl Default for MermaidEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl MermaidEngine {
    /// Builds the parser registries and applies the site palette (see the module docs).
    pub fn new() -> Self {
        let theme = theme::host_theme().unwrap_or_else(|_| HostTheme::new());
        let resolved = Presentation::new().with_theme(theme).resolve();
        let site_config = MermaidConfig::from_value(serde_json::json!({ "secure": LOCKED_KEYS }));
        let engine = resolved.materialize_engine(Engine::new().with_site_config(site_config));
        Self {
            renderer: Renderer::new()
                .with_engine(engine)
                .with_parse_options(ParseOptions::strict()),
            presentation: resolved.render_policy(),
        }
    }

    /// Parses one diagram and reports its kind, labels and accessibility texts, or the first
    /// syntax error. An unknown diagram type is an error listing the supported types.
    pub fn validate(&self, source: &str) -> Result<DiagramInfo, MermaidError> {
        let source = source_text::normalize(source);
        let kind = detect_kind(&source)?;
        limits::check(&source, kind)?;
        let source = workarounds(source, kind);
        let engine = self.renderer.engine();
        let parsed = guarded(|| engine.parse_diagram_sync(&source, ParseOptions::strict()))?;
        match parsed {
            Ok(Some(diagram)) if model_info::draws_nothing(kind, diagram.model.as_value()) => {
                Err(errors::nothing_to_draw(&source, kind))
            }
            Ok(Some(_)) if errors::math_line(&source, kind).is_some() => {
                Err(errors::unsupported_math(&source, kind))
            }
            Ok(Some(diagram)) => Ok(model_info::describe(kind, diagram.model.as_value())),
            Ok(None) => Err(type_names::unknown_type(&source)),
            Err(error) => Err(errors::from_parse_error(&source, &error)),
        }
    }

    /// Renders one diagram to a self-contained inline `<svg>` element (see the module docs for
    /// what the output guarantees).
    pub fn render(&self, source: &str, opts: &RenderOptions) -> Result<String, RenderError> {
        let source = source_text::normalize(source);
        let kind = detect_kind(&source)?;
        limits::check(&source, kind)?;
        let source = workarounds(source, kind);
        let diagram_id = merman::svg::sanitize_svg_id(opts.diagram_id);
        let request = SvgRequest {
            presentation: self.presentation,
            options: SvgRenderOptions {
                diagram_id: Some(diagram_id.clone()),
                ..SvgRenderOptions::default()
            },
            ..SvgRequest::default()
        };
        let rendered = guarded(|| {
            self.renderer.render(RenderRequest::svg(
                &source,
                OperationControl::new(),
                request,
            ))
        })?;
        let raw_svg = match rendered {
            Ok(RenderOutput::Svg(Some(svg))) => svg.into_parts().0,
            Ok(_) => return Err(type_names::unknown_type(&source).into()),
            Err(merman::RenderError::Parse(_)) => return Err(self.syntax_error(&source).into()),
            Err(other) => return Err(self.layout_error(&source, &other)),
        };
        let accessibility = svg_rewrite::Accessibility {
            title: opts.title,
            description: opts.description,
            fallback_title: kind_title(kind),
        };
        Ok(svg_rewrite::finish(
            &raw_svg,
            kind,
            &diagram_id,
            &accessibility,
        ))
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
                line: None,
                column: None,
                message: "the diagram could not be parsed for rendering".to_string(),
            },
        }
    }
}

/// Configuration keys a diagram may not override with `%%{init: …}%%` or front matter: merman's
/// hardened defaults plus the theme, so every diagram follows the site palette.
const LOCKED_KEYS: &[&str] = &[
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
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<MermaidEngine>();
    }
}
