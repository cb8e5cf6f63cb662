//! State diagrams measured: edge labels backed, notes holding their text, labels in view.

use crate::mermaid::render_tests::render;
use crate::mermaid::svg_rewrite::geometry::{Rect, view_box};
use crate::mermaid::svg_rewrite::has_class;
use crate::mermaid::svg_rewrite::label_text::{
    keeps_lines_whole, label_lines, narrowest_width, wrapped_line_count,
};
use crate::mermaid::svg_rewrite::measure::{Scheme, resolve, style_property};
use crate::mermaid::svg_rewrite::state_labels::{BACKGROUND_CLASS, LABEL_FONT_SIZE, find_tag};
use crate::mermaid::svg_rewrite::state_notes::LINE_HEIGHT;
use crate::mermaid::svg_rewrite::tokens::tokenize;
use crate::mermaid::svg_rewrite::{Token, geometry};

const BREAKER: &str = "stateDiagram-v2
    [*] --> Closed
    Closed --> Open : failure threshold exceeded
    Open --> HalfOpen : reset timeout elapsed
    HalfOpen --> Closed : probe request succeeded
    HalfOpen --> Open : probe request failed again after retry budget exhausted
    note right of Open
        All calls fail fast.
        The breaker waits for the reset timeout
        before it lets a single probe through.
    end note
    Closed --> [*]
";

const ORDER: &str = "stateDiagram-v2
    direction LR
    [*] --> Pending : order_created_via_partner_integration_webhook_callback
    Pending --> Paid : payment captured
    Paid --> Shipped
    Shipped --> [*] : delivered_to_customer_and_signature_confirmed_by_carrier
    note left of Pending
        Waiting for the payment provider to confirm the charge.
        Times out after fifteen minutes.
    end note
";

/// Every element's start tag with the absolute offset of its coordinate system.
struct Measured {
    tokens: Vec<Token>,
    offsets: Vec<(f64, f64)>,
    ends: Vec<usize>,
}

impl Measured {
    fn of(source: &str) -> Self {
        let tokens = tokenize(&render(source, "st"));
        let offsets = geometry::offsets(&tokens);
        let ends = geometry::element_ends(&tokens);
        Self {
            tokens,
            offsets,
            ends,
        }
    }

    fn starts<'a>(&'a self, name: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.tokens
            .iter()
            .enumerate()
            .filter_map(move |(index, token)| match token {
                Token::Tag(tag) if !tag.closing && tag.local_name() == name => Some(index),
                _ => None,
            })
    }

    fn tag(&self, index: usize) -> &crate::mermaid::svg_rewrite::Tag {
        match &self.tokens[index] {
            Token::Tag(tag) => tag,
            _ => panic!("token {index} is not a tag"),
        }
    }

    fn number(&self, index: usize, name: &str) -> f64 {
        geometry::number(self.tag(index), name).unwrap_or(0.0)
    }

    /// The absolute box of a `<rect>` or `<foreignObject>` from its attributes.
    fn attribute_box(&self, index: usize) -> Rect {
        let (dx, dy) = self.offsets[index];
        Rect::sized(
            dx + self.number(index, "x"),
            dy + self.number(index, "y"),
            self.number(index, "width"),
            self.number(index, "height"),
        )
    }

    /// The label's text lines and whether they are kept whole.
    fn text_of(&self, foreign_object: usize) -> (Vec<String>, bool) {
        let end = self.ends[foreign_object];
        let whole = find_tag(&self.tokens, foreign_object, end, "div")
            .is_some_and(|div| keeps_lines_whole(self.tag(div)));
        (label_lines(&self.tokens, foreign_object, end), whole)
    }

    /// Non-empty `<foreignObject>` labels inside edge labels.
    fn edge_labels(&self) -> Vec<usize> {
        let edge_groups: Vec<(usize, usize)> = self
            .starts("g")
            .filter(|&g| has_class(self.tag(g), "edgeLabel"))
            .map(|g| (g, self.ends[g]))
            .collect();
        self.starts("foreignobject")
            .filter(|&fo| edge_groups.iter().any(|(s, e)| fo > *s && fo < *e))
            .filter(|&fo| self.number(fo, "width") > 0.0)
            .collect()
    }
}

#[test]
fn state_edge_labels_have_an_opaque_background_under_their_text() {
    for source in [BREAKER, ORDER] {
        let svg = Measured::of(source);
        let labels = svg.edge_labels();
        assert!(labels.len() >= 3);
        let backgrounds: Vec<usize> = svg
            .starts("rect")
            .filter(|&r| has_class(svg.tag(r), BACKGROUND_CLASS))
            .collect();
        for label in labels {
            let text_box = svg.attribute_box(label);
            let (lines, whole) = svg.text_of(label);
            let drawn = narrowest_width(&lines, whole, LABEL_FONT_SIZE);
            assert!(
                drawn <= text_box.right - text_box.left + 0.5,
                "{lines:?} spills out"
            );
            let behind = backgrounds
                .iter()
                .find(|&&r| r < label && svg.attribute_box(r).contains(&text_box));
            let Some(&background) = behind else {
                panic!("no background under {lines:?}");
            };
            let fill = style_property(svg.tag(background), "fill").unwrap_or_default();
            let opacity = style_property(svg.tag(background), "opacity").unwrap_or_default();
            assert_eq!(opacity, "1");
            for scheme in [Scheme::Light, Scheme::Dark] {
                assert_eq!(
                    resolve(&fill, scheme),
                    resolve("var(--mermaid-canvas)", scheme),
                    "{fill}"
                );
            }
        }
    }
}

#[test]
fn state_note_text_fits_inside_its_note_with_padding() {
    for source in [BREAKER, ORDER] {
        let svg = Measured::of(source);
        let notes: Vec<usize> = svg
            .starts("g")
            .filter(|&g| has_class(svg.tag(g), "statediagram-note"))
            .collect();
        assert_eq!(notes.len(), 1);
        for note in notes {
            let end = svg.ends[note];
            let Some(outline) =
                crate::mermaid::svg_rewrite::state_notes::note_box(&svg.tokens, note, end)
            else {
                panic!("note without an outline");
            };
            let (dx, dy) = svg.offsets[note];
            let outline = Rect::sized(
                outline.left + dx,
                outline.top + dy,
                outline.right - outline.left,
                outline.bottom - outline.top,
            );
            let Some(foreign_object) = find_tag(&svg.tokens, note, end, "foreignobject") else {
                panic!("note without text");
            };
            let text_box = svg.attribute_box(foreign_object);
            let (lines, _) = svg.text_of(foreign_object);
            let width = text_box.right - text_box.left;
            let needed_lines = wrapped_line_count(&lines, width, LABEL_FONT_SIZE);
            assert!(
                needed_lines as f64 * LINE_HEIGHT <= text_box.bottom - text_box.top + 0.5,
                "{needed_lines} lines do not fit {text_box:?}"
            );
            assert!(narrowest_width(&lines, false, LABEL_FONT_SIZE) <= width + 0.5);
            let padded = Rect {
                left: text_box.left - 8.0,
                top: text_box.top - 8.0,
                right: text_box.right + 8.0,
                bottom: text_box.bottom + 8.0,
            };
            assert!(
                outline.contains(&padded),
                "text {text_box:?} too close to the note's border {outline:?}"
            );
            assert!(needed_lines <= 4, "{needed_lines} lines for {lines:?}");
        }
    }
}

#[test]
fn state_labels_and_notes_lie_inside_the_view_box() {
    for source in [BREAKER, ORDER] {
        let svg = Measured::of(source);
        let Some(view) = view_box(&svg.tokens) else {
            panic!("no viewBox");
        };
        for label in svg.starts("foreignobject") {
            if svg.number(label, "width") <= 0.0 {
                continue;
            }
            let declared = svg.attribute_box(label);
            let (lines, whole) = svg.text_of(label);
            let drawn =
                narrowest_width(&lines, whole, LABEL_FONT_SIZE).max(declared.right - declared.left);
            let text_box = Rect::sized(
                declared.left,
                declared.top,
                drawn,
                declared.bottom - declared.top,
            );
            assert!(
                view.contains(&text_box),
                "{lines:?} at {text_box:?} outside {view:?}"
            );
        }
        for background in svg
            .starts("rect")
            .filter(|&r| has_class(svg.tag(r), BACKGROUND_CLASS))
        {
            let area = svg.attribute_box(background);
            assert!(view.contains(&area), "background {area:?} outside {view:?}");
        }
    }
}
