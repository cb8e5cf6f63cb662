//! One-line labels stay centred on their shape when the reader's font is wider than the one
//! merman measured with.
//!
//! merman sizes a label's `<foreignObject>` to the text as its metrics measure it and centres
//! the box on the shape; the HTML inside is a `display: table-cell` block that starts at the
//! box's left edge. Where the reader's font is wider (Trebuchet MS missing, a bold class name
//! measured as regular), the text spills past the right edge only: `VoteResult` ran into its
//! class box's border while the left half of the box stayed empty. A one-line centred label
//! becomes a flex row as wide as its box, centring the text, so any overflow is split
//! between both sides. Labels laid out from the left (a class's members and methods) keep
//! their block.

use super::{InsideGroup, Tag, Token};

/// The layout that centres a label's text on its box, overflow included.
const CENTRED: &str = "display: flex; justify-content: center; width: 100%";

/// Rewrites the `display` of every one-line centred label outside member lists.
pub(super) fn centre_one_line_labels(tokens: &mut [Token]) {
    let mut member_list = InsideGroup::new(&["members-group", "methods-group"]);
    let mut in_label_box = false;
    for token in tokens.iter_mut() {
        let Token::Tag(tag) = token else { continue };
        member_list.step(tag);
        match tag.local_name().as_str() {
            "foreignobject" => in_label_box = tag.opens(),
            "div" if in_label_box && !member_list.inside() && tag.opens() => centre(tag),
            _ => {}
        }
    }
}

fn centre(tag: &mut Tag) {
    let Some((_, style)) = tag.attributes.iter_mut().find(|(name, _)| name == "style") else {
        return;
    };
    let one_line_centred = style.contains("white-space: nowrap")
        && style.contains("text-align: center")
        && style.contains("display: table-cell");
    if one_line_centred {
        *style = style.replace("display: table-cell", CENTRED);
    }
}

#[cfg(test)]
mod tests {
    use crate::mermaid::render_tests::render;

    #[test]
    fn a_class_name_is_centred_and_its_members_are_not() {
        let svg = render(
            "classDiagram\n    class VoteResult {\n      +int term\n    }\n",
            "c",
        );
        let title = svg
            .split("<p>VoteResult</p>")
            .next()
            .and_then(|before| before.rsplit("<div ").next())
            .unwrap_or_default();
        assert!(title.contains(super::CENTRED), "{title}");
        let member = svg
            .split("<p>+int term</p>")
            .next()
            .and_then(|before| before.rsplit("<div ").next())
            .unwrap_or_default();
        assert!(member.contains("display: table-cell"), "{member}");
    }

    #[test]
    fn a_flowchart_node_label_on_one_line_is_centred() {
        let svg = render("flowchart LR\n    A[Client] --> B[Server]\n", "f");
        assert!(svg.matches(super::CENTRED).count() >= 2, "{svg}");
    }
}
