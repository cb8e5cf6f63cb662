# Converters for the benchmarks (source this file): the episode files of a course (its
# episodes/ folder, one folder per series) laid out for another generator, with a minimal
# configuration of its own, so that the benchmarks can run it beside episode. Each converter
# empties and refills its target folder and prints nothing. Used by build.sh, search.sh and
# serve.sh. An episode file episodes/SERIES/FILE.md ends up at:
#   hugo    SITE/content/SERIES/FILE.md     page /SERIES/FILE/
#   mdbook  BOOK/src/SERIES/FILE.md         page /SERIES/FILE.html
#   mkdocs  PROJECT/docs/SERIES/FILE.md     page /SERIES/FILE/   (MkDocs, or Zensical: mkdocs.yml)
#   zola    SITE/content/SERIES/FILE.md     page /SERIES/FILE/   (with an empty front matter)

# Copies EPISODES into DIR, writable (the shared corpus is read-only in CI).
copy_episodes() {
  local episodes=$1 dir=$2
  mkdir -p "$dir"
  cp -r "$episodes/." "$dir/"
  chmod -R u+w "$dir"
}

# convert_hugo EPISODES SITE: a Hugo site with one layout for pages and lists (title, table of
# contents, content), code fences highlighted, raw HTML kept.
convert_hugo() {
  local episodes=$1 site=$2
  rm -rf "$site" && mkdir -p "$site/layouts/_default"
  copy_episodes "$episodes" "$site/content"
  printf 'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.highlight]\ncodeFences = true\nnoClasses = false\n[markup.goldmark.renderer]\nunsafe = true\n' > "$site/hugo.toml"
  local l
  for l in single list; do
    printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body><nav>{{ .TableOfContents }}</nav><main>{{ .Content }}</main></body></html>\n' > "$site/layouts/_default/$l.html"
  done
}

# convert_mdbook EPISODES BOOK [TITLE]: an mdBook book whose SUMMARY.md lists every file.
convert_mdbook() {
  local episodes=$1 book=$2 title=${3:-Course}
  rm -rf "$book" && mkdir -p "$book/src"
  copy_episodes "$episodes" "$book/src"
  { echo "# Summary"; echo; (cd "$book/src" && find . -name '*.md' | sort | sed 's|^\./||' | while read -r f; do echo "- [$f]($f)"; done); } > "$book/src/SUMMARY.md"
  printf '[book]\ntitle = "%s"\n[output.html]\n' "$title" > "$book/book.toml"
}

# convert_mkdocs EPISODES PROJECT SITE_DIR: an MkDocs Material project (theme: material,
# plugins: [search]) building into SITE_DIR; Zensical reads the same mkdocs.yml.
convert_mkdocs() {
  local episodes=$1 project=$2 site_dir=$3
  rm -rf "$project" && mkdir -p "$project/docs"
  copy_episodes "$episodes" "$project/docs"
  printf 'site_name: Course\ndocs_dir: docs\nsite_dir: %s\ntheme:\n  name: material\nplugins:\n  - search\n' \
    "$site_dir" > "$project/mkdocs.yml"
}

# convert_zola EPISODES SITE: a Zola site (Zola needs a front matter in every page: an empty one
# is added) with minimal templates; folders without _index.md still give pages.
convert_zola() {
  local episodes=$1 site=$2
  rm -rf "$site" && mkdir -p "$site/templates"
  copy_episodes "$episodes" "$site/content"
  local f
  find "$site/content" -name '*.md' -print0 | while IFS= read -r -d '' f; do
    { printf '+++\n+++\n'; cat "$f"; } > "$f.tmp" && mv "$f.tmp" "$f"
  done
  printf 'base_url = "/"\ncompile_sass = false\nbuild_search_index = false\n[markdown]\nhighlight_code = false\n' > "$site/config.toml"
  printf '<!doctype html><html><head><title>{{ page.title }}</title></head><body><main>{{ page.content | safe }}</main></body></html>\n' > "$site/templates/page.html"
  local l
  for l in index section; do
    printf '<!doctype html><html><head><title>Course</title></head><body><main>{{ section.content | safe }}</main></body></html>\n' > "$site/templates/$l.html"
  done
}
