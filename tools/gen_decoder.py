#!/usr/bin/env python3
"""Instruction decoder generator: turns a .decode spec into a C decision-tree decoder.

Spec language (one statement per line, '#' starts a comment):

  .decoder NAME WIDTH        start a decoder: C function <prefix>_<NAME>_match over
                             WIDTH-bit words; the patterns below belong to it
  %field SEG... [<<N] [+N]   a field: segments POS:LEN (unsigned) or POS:sLEN (signed),
                             concatenated most significant first, then shifted left by N
                             and offset by +N.  Example: %imm_b 31:s1 7:1 25:6 8:4 <<1
  &set NAME...               an argument set: the struct a trans function receives
  @fmt BITS &set ASSIGN...   a format: fixed bits plus how the argument set is filled
  name BITS @fmt ASSIGN... [-> trans]
  name BITS &set ASSIGN... [-> trans]
                             a pattern; `-> trans` hands it to another pattern's trans
                             function (the argument sets must agree)
  {  ...  }                  an ordered group: its patterns may overlap, the first one
                             that matches wins, so put the most specific first

BITS is a string of 0, 1 and . (or -) characters, MSB first; it may be split into
several words for readability.  ASSIGN is NAME=%field, NAME=NUMBER, or %field (short for
field=%field).

Outside groups no two patterns may match the same word: the generator rejects
overlaps and group members that an earlier member shadows. Matching depends on the bits
alone: a trans function that returns false reports the word as illegal, it does not make
the decoder try a later group member.

Output: a header with the argument-set structs, the instruction id enum, info tables and
the prototypes of the hand-written `bool <prefix>_trans_<name>(struct Ctx *, const Arg *)`
functions; and a C file with one decision tree per decoder (nested switches on the bits
all remaining candidates fix, mask/match tests only where they share none) plus a dispatch
switch calling the trans functions.
"""

import argparse
import re
import sys


class SpecError(Exception):
    """A problem in the spec file, with its location."""


class Field:
    def __init__(self, name, segments, shift, add, line):
        self.name = name
        self.segments = segments  # list of (pos, len, signed)
        self.shift = shift
        self.add = add
        self.line = line

    def width(self):
        return sum(s[1] for s in self.segments)

    def extract(self, word):
        """Reference extraction in Python (used by tests and the generator's checks)."""
        v = 0
        for pos, length, _ in self.segments:
            v = (v << length) | ((word >> pos) & ((1 << length) - 1))
        total = self.width()
        if self.segments[0][2] and (v >> (total - 1)) & 1:
            v -= 1 << total
        return (v << self.shift) + self.add


class Argset:
    def __init__(self, name, fields, line):
        self.name = name
        self.fields = fields
        self.line = line


class Format:
    def __init__(self, name, width, mask, match, argset, assigns, line):
        self.name = name
        self.width = width
        self.mask = mask
        self.match = match
        self.argset = argset
        self.assigns = assigns
        self.line = line


class Pattern:
    def __init__(self, name, decoder, mask, match, argset, assigns, trans, line):
        self.name = name
        self.decoder = decoder
        self.mask = mask
        self.match = match
        self.argset = argset
        self.assigns = assigns  # dict arg -> ('field', Field) | ('const', int)
        self.trans = trans
        self.line = line
        self.index = 0

    def matches(self, word):
        return (word & self.mask) == self.match


class Group:
    """An ordered set of possibly overlapping patterns, tried first to last."""

    def __init__(self, members, line):
        self.members = members
        self.line = line
        mask = ~0
        for p in members:
            mask &= p.mask
        # Only bits all members fix to the same value can steer the tree to the group.
        for p in members[1:]:
            mask &= ~(p.match ^ members[0].match)
        self.mask = mask & members[0].mask
        self.match = members[0].match & self.mask
        self.name = "group at line %d" % line


class Decoder:
    def __init__(self, name, width, line):
        self.name = name
        self.width = width
        self.line = line
        self.items = []  # Pattern or Group


class Spec:
    def __init__(self):
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.decoders = []
        self.patterns = []


def overlap(a_mask, a_match, b_mask, b_match):
    common = a_mask & b_mask
    return (a_match & common) == (b_match & common)


def parse_number(text, where):
    try:
        return int(text, 0)
    except ValueError:
        raise SpecError("%s: bad number '%s'" % (where, text))


def parse_bits(tokens, width, where):
    """Consumes leading bit-string tokens; returns (mask, match, rest)."""
    bits = ""
    i = 0
    while i < len(tokens) and re.fullmatch(r"[01.\-]+", tokens[i]):
        bits += tokens[i]
        i += 1
    if len(bits) != width:
        raise SpecError("%s: bit pattern has %d bits, the decoder is %d bits wide"
                        % (where, len(bits), width))
    mask = match = 0
    for ch in bits:
        mask <<= 1
        match <<= 1
        if ch in "01":
            mask |= 1
            match |= int(ch)
    return mask, match, tokens[i:]


def parse_assigns(spec, tokens, where):
    out = {}
    for t in tokens:
        if t.startswith("%"):
            name, value = t[1:], t
        elif "=" in t:
            name, value = t.split("=", 1)
        else:
            raise SpecError("%s: expected NAME=%%field or NAME=NUMBER, got '%s'" % (where, t))
        if name in out:
            raise SpecError("%s: '%s' assigned twice" % (where, name))
        if value.startswith("%"):
            f = spec.fields.get(value[1:])
            if f is None:
                raise SpecError("%s: unknown field '%s'" % (where, value))
            out[name] = ("field", f)
        else:
            out[name] = ("const", parse_number(value, where))
    return out


def parse_field(spec, tokens, where, line):
    name = tokens[0][1:]
    if name in spec.fields:
        raise SpecError("%s: field '%s' defined twice" % (where, name))
    segments = []
    shift = add = 0
    for t in tokens[1:]:
        m = re.fullmatch(r"(\d+):(s?)(\d+)", t)
        if m:
            pos, signed, length = int(m.group(1)), m.group(2) == "s", int(m.group(3))
            if signed and segments:
                raise SpecError("%s: only the first segment may be signed" % where)
            if length == 0:
                raise SpecError("%s: empty segment '%s'" % (where, t))
            segments.append((pos, length, signed))
        elif t.startswith("<<"):
            shift = parse_number(t[2:], where)
        elif t.startswith("+"):
            add = parse_number(t[1:], where)
        else:
            raise SpecError("%s: bad field segment '%s'" % (where, t))
    if not segments:
        raise SpecError("%s: field '%s' has no segments" % (where, name))
    spec.fields[name] = Field(name, segments, shift, add, line)


def check_assigns(argset, assigns, where):
    for k in assigns:
        if k not in argset.fields:
            raise SpecError("%s: '%s' is not in argument set &%s" % (where, k, argset.name))
    missing = [f for f in argset.fields if f not in assigns]
    if missing:
        raise SpecError("%s: argument set &%s needs %s" % (where, argset.name, ", ".join(missing)))


def parse_pattern(spec, dec, tokens, where, line):
    name = tokens[0]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name):
        raise SpecError("%s: bad pattern name '%s'" % (where, name))
    if dec is None:
        raise SpecError("%s: pattern before any .decoder line" % where)
    mask, match, rest = parse_bits(tokens[1:], dec.width, where)
    trans = name
    if "->" in rest:
        k = rest.index("->")
        if k != len(rest) - 2:
            raise SpecError("%s: '->' must be followed by exactly one trans name" % where)
        trans = rest[k + 1]
        rest = rest[:k]
    if not rest or rest[0][0] not in "@&":
        raise SpecError("%s: pattern '%s' needs a @format or &argset" % (where, name))
    assigns = {}
    if rest[0][0] == "@":
        fmt = spec.formats.get(rest[0][1:])
        if fmt is None:
            raise SpecError("%s: unknown format '%s'" % (where, rest[0]))
        if fmt.width != dec.width:
            raise SpecError("%s: format @%s is %d bits wide, the decoder %d"
                            % (where, fmt.name, fmt.width, dec.width))
        if (fmt.mask & mask) & (fmt.match ^ match):
            raise SpecError("%s: pattern bits contradict format @%s" % (where, fmt.name))
        mask |= fmt.mask
        match |= fmt.match
        argset = fmt.argset
        assigns.update(fmt.assigns)
    else:
        argset = spec.argsets.get(rest[0][1:])
        if argset is None:
            raise SpecError("%s: unknown argument set '%s'" % (where, rest[0]))
    assigns.update(parse_assigns(spec, rest[1:], where))
    check_assigns(argset, assigns, where)
    cname = name.replace(".", "_")
    for p in spec.patterns:
        if p.name.replace(".", "_") == cname:
            raise SpecError("%s: pattern '%s' already defined at line %d" % (where, name, p.line))
    return Pattern(name, dec, mask, match, argset, assigns, trans.replace(".", "_"), line)


def parse_spec(text, filename="<spec>"):
    spec = Spec()
    dec = None
    group = None
    group_line = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = "%s:%d" % (filename, lineno)
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        tokens = line.split()
        head = tokens[0]
        if head == ".decoder":
            if group is not None:
                raise SpecError("%s: .decoder inside a group" % where)
            if len(tokens) != 3 or not tokens[2].isdigit() or not 1 <= int(tokens[2]) <= 64:
                raise SpecError("%s: expected '.decoder NAME WIDTH' (1 to 64 bits)" % where)
            if any(d.name == tokens[1] for d in spec.decoders):
                raise SpecError("%s: decoder '%s' defined twice" % (where, tokens[1]))
            dec = Decoder(tokens[1], int(tokens[2]), lineno)
            spec.decoders.append(dec)
        elif head.startswith("%"):
            parse_field(spec, tokens, where, lineno)
        elif head.startswith("&"):
            name = head[1:]
            if name in spec.argsets:
                raise SpecError("%s: argument set '%s' defined twice" % (where, name))
            if len(tokens) > 33:
                raise SpecError("%s: an argument set has at most 32 names" % where)
            if len(set(tokens[1:])) != len(tokens[1:]):
                raise SpecError("%s: repeated name in argument set '%s'" % (where, name))
            spec.argsets[name] = Argset(name, tokens[1:], lineno)
        elif head.startswith("@"):
            if dec is None:
                raise SpecError("%s: format before any .decoder line" % where)
            name = head[1:]
            if name in spec.formats:
                raise SpecError("%s: format '%s' defined twice" % (where, name))
            mask, match, rest = parse_bits(tokens[1:], dec.width, where)
            if not rest or not rest[0].startswith("&"):
                raise SpecError("%s: format '%s' needs an &argset" % (where, name))
            argset = spec.argsets.get(rest[0][1:])
            if argset is None:
                raise SpecError("%s: unknown argument set '%s'" % (where, rest[0]))
            spec.formats[name] = Format(name, dec.width, mask, match, argset,
                                        parse_assigns(spec, rest[1:], where), lineno)
        elif head == "{":
            if group is not None:
                raise SpecError("%s: groups do not nest" % where)
            if len(tokens) != 1:
                raise SpecError("%s: '{' must stand alone" % where)
            group, group_line = [], lineno
        elif head == "}":
            if group is None:
                raise SpecError("%s: '}' without '{'" % where)
            if len(group) < 2:
                raise SpecError("%s: a group needs at least two patterns" % where)
            dec.items.append(Group(group, group_line))
            group = None
        else:
            p = parse_pattern(spec, dec, tokens, where, lineno)
            spec.patterns.append(p)
            (group if group is not None else dec.items).append(p)
    if group is not None:
        raise SpecError("%s: group opened at line %d is not closed" % (filename, group_line))
    check_spec(spec, filename)
    return spec


def check_spec(spec, filename):
    for i, p in enumerate(spec.patterns):
        p.index = i + 1
    by_name = {p.name.replace(".", "_"): p for p in spec.patterns}
    trans_sets = {}
    for p in spec.patterns:
        if p.trans != p.name.replace(".", "_") and p.trans not in by_name:
            raise SpecError("%s:%d: '%s' -> unknown pattern '%s'" % (filename, p.line, p.name, p.trans))
        prev = trans_sets.setdefault(p.trans, p)
        if prev.argset is not p.argset:
            raise SpecError("%s:%d: '%s' passes &%s to trans_%s, which takes &%s (line %d)"
                            % (filename, p.line, p.name, p.argset.name, p.trans,
                               prev.argset.name, prev.line))
    for dec in spec.decoders:
        items = dec.items
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a_list = items[i].members if isinstance(items[i], Group) else [items[i]]
                b_list = items[j].members if isinstance(items[j], Group) else [items[j]]
                for a in a_list:
                    for b in b_list:
                        if overlap(a.mask, a.match, b.mask, b.match):
                            raise SpecError(
                                "%s:%d: pattern '%s' overlaps '%s' (line %d): make the bits "
                                "disjoint or put both in a { } group, most specific first"
                                % (filename, b.line, b.name, a.name, a.line))
            if isinstance(items[i], Group):
                ms = items[i].members
                for j in range(len(ms)):
                    for k in range(j):
                        a, b = ms[k], ms[j]
                        if (a.mask & ~b.mask) == 0 and ((a.match ^ b.match) & a.mask) == 0:
                            raise SpecError("%s:%d: pattern '%s' can never match: '%s' (line %d) "
                                            "comes first in the group and covers it"
                                            % (filename, b.line, b.name, a.name, a.line))


# ---- Decision tree ------------------------------------------------------------------------

class Node:
    """kind: 'switch' (mask, cases: {value: Node}), 'test' (list of items), 'leaf' (item)."""

    def __init__(self, kind, mask=0, cases=None, items=None, item=None, rest=0):
        self.kind = kind
        self.mask = mask
        self.cases = cases or {}
        self.items = items or []
        self.item = item
        self.rest = rest  # bits the leaf still has to check


def build_tree(items, known, full):
    if len(items) == 1:
        it = items[0]
        return Node("leaf", item=it, rest=it.mask & ~known & full)
    common = full & ~known
    for it in items:
        common &= it.mask
    if common == 0:
        return Node("test", items=items, mask=known)
    groups = {}
    for it in items:
        groups.setdefault(it.match & common, []).append(it)
    cases = {v: build_tree(sub, known | common, full) for v, sub in sorted(groups.items())}
    return Node("switch", mask=common, cases=cases)


def tree_depth(node):
    """Worst-case number of switch/test steps to reach a leaf (for tests and stats)."""
    if node.kind == "leaf":
        return 1
    if node.kind == "test":
        return len(node.items)
    return 1 + max(tree_depth(c) for c in node.cases.values())


def decoder_tree(dec):
    full = (1 << dec.width) - 1
    return build_tree(dec.items, 0, full)


# ---- C output -----------------------------------------------------------------------------

def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_.]", name) if part)


class Names:
    def __init__(self, prefix, type_prefix, ctx_struct):
        self.prefix = prefix
        self.tp = type_prefix
        self.ctx = ctx_struct

    def arg_type(self, argset):
        return "%sArg%s" % (self.tp, camel(argset.name))

    def insn_enum(self, p):
        return "%s_INSN_%s" % (self.prefix.upper(), p.name.replace(".", "_").upper())

    def trans(self, tname):
        return "%s_trans_%s" % (self.prefix, tname)

    def field_fn(self, f):
        return "%s_field_%s" % (self.prefix, f.name)


def word_type(width):
    return "uint64_t" if width > 32 else "uint32_t"


def gen_header(spec, names, guard):
    o = []
    o.append("/* Generated by tools/gen_decoder.py: the decoder's types and trans prototypes. "
             "Do not edit. */")
    o.append("#ifndef %s" % guard)
    o.append("#define %s" % guard)
    o.append("")
    o.append("#include <stdbool.h>")
    o.append("#include <stdint.h>")
    o.append("")
    o.append("struct %s;" % names.ctx)
    o.append("")
    for a in spec.argsets.values():
        members = " ".join("int64_t %s;" % f for f in a.fields) or "int64_t unused_;"
        o.append("typedef struct %s { %s } %s;" % (names.arg_type(a), members, names.arg_type(a)))
    o.append("")
    o.append("typedef enum %sInsnId {" % names.tp)
    o.append("    %s_INSN_NONE = 0," % names.prefix.upper())
    for p in spec.patterns:
        o.append("    %s, /* %s */" % (names.insn_enum(p), p.name))
    o.append("    %s_INSN_COUNT" % names.prefix.upper())
    o.append("} %sInsnId;" % names.tp)
    o.append("")
    o.append("typedef enum %sArgsetId {" % names.tp)
    for i, a in enumerate(spec.argsets.values()):
        o.append("    %s_ARGSET_%s = %d," % (names.prefix.upper(), a.name.upper(), i))
    o.append("    %s_ARGSET_COUNT" % names.prefix.upper())
    o.append("} %sArgsetId;" % names.tp)
    o.append("")
    maxf = max([len(a.fields) for a in spec.argsets.values()] + [1])
    o.append("/* A matched instruction: its id and its argument set's values. */")
    o.append("typedef struct %sDecoded {" % names.tp)
    o.append("    %sInsnId id;" % names.tp)
    o.append("    union {")
    for a in spec.argsets.values():
        o.append("        %s %s;" % (names.arg_type(a), a.name))
    o.append("        int64_t raw[%d]; /* the fields in argument-set order */" % maxf)
    o.append("    } args;")
    o.append("} %sDecoded;" % names.tp)
    o.append("")
    o.append("typedef struct %sInsnInfo {" % names.tp)
    o.append("    const char *name;  /* as written in the spec: \"c.addi\" */")
    o.append("    const char *trans; /* trans function suffix: \"addi\" */")
    o.append("    uint8_t argset;    /* %sArgsetId */" % names.tp)
    o.append("    uint8_t width;     /* instruction bits */")
    o.append("    uint32_t fixed;    /* bit i set: argument i is a constant of the pattern */")
    o.append("    uint64_t mask, match;")
    o.append("} %sInsnInfo;" % names.tp)
    o.append("typedef struct %sArgsetInfo {" % names.tp)
    o.append("    const char *name;")
    o.append("    uint8_t nfields;")
    o.append("    const char *fields[%d];" % maxf)
    o.append("} %sArgsetInfo;" % names.tp)
    o.append("extern const %sInsnInfo %s_insn_info[%s_INSN_COUNT];"
             % (names.tp, names.prefix, names.prefix.upper()))
    o.append("extern const %sArgsetInfo %s_argset_info[%s_ARGSET_COUNT];"
             % (names.tp, names.prefix, names.prefix.upper()))
    o.append("")
    for dec in spec.decoders:
        o.append("/* Finds the pattern matching a %d-bit word; false if none. */" % dec.width)
        o.append("bool %s_%s_match(%s insn, %sDecoded *out);"
                 % (names.prefix, dec.name, word_type(dec.width), names.tp))
    o.append("/* Calls the trans function of d->id; returns what it returns. */")
    o.append("bool %s_dispatch(struct %s *ctx, const %sDecoded *d);"
             % (names.prefix, names.ctx, names.tp))
    o.append("")
    o.append("/* Hand-written, one per trans name: emit the instruction, or return false "
             "(illegal). */")
    seen = set()
    for p in spec.patterns:
        if p.trans in seen:
            continue
        seen.add(p.trans)
        o.append("bool %s(struct %s *ctx, const %s *a);"
                 % (names.trans(p.trans), names.ctx, names.arg_type(p.argset)))
    o.append("")
    o.append("#endif")
    return "\n".join(o) + "\n"


def field_expr(f, word):
    expr = "0"
    for pos, length, _ in f.segments:
        piece = "((%s >> %d) & 0x%xu)" % (word, pos, (1 << length) - 1)
        expr = piece if expr == "0" else "((%s << %d) | %s)" % (expr, length, piece)
    return expr


def gen_field_fn(f, names):
    total = f.width()
    o = []
    o.append("static inline int64_t %s(uint64_t insn)" % names.field_fn(f))
    o.append("{")
    o.append("    uint64_t v = %s;" % field_expr(f, "insn"))
    if f.segments[0][2]:
        o.append("    int64_t s = (int64_t)(v << %d) >> %d;" % (64 - total, 64 - total))
    else:
        o.append("    int64_t s = (int64_t)v;")
    if f.shift:
        o.append("    s = (int64_t)((uint64_t)s << %d);" % f.shift)
    if f.add:
        o.append("    s += %d;" % f.add)
    o.append("    return s;")
    o.append("}")
    return o


def gen_leaf(p, names, ind, o):
    o.append("%sout->id = %s;" % (ind, names.insn_enum(p)))
    for fname in p.argset.fields:
        kind, val = p.assigns[fname]
        rhs = "%s(insn)" % names.field_fn(val) if kind == "field" else "%d" % val
        o.append("%sout->args.%s.%s = %s;" % (ind, p.argset.name, fname, rhs))
    o.append("%sreturn true;" % ind)


def gen_check(p, check_mask, names, ind, o):
    """Emits p's test of the bits in check_mask and its leaf; True if it always returns."""
    rest = p.mask & check_mask
    if not rest:
        gen_leaf(p, names, ind, o)
        return True
    o.append("%sif ((insn & 0x%xu) == 0x%xu) {" % (ind, rest, p.match & rest))
    gen_leaf(p, names, ind + "    ", o)
    o.append("%s}" % ind)
    return False


def gen_item(item, check_mask, names, ind, o):
    """Emits an item once the tree has checked the bits outside check_mask; True if the
    emitted code always returns."""
    for p in item.members if isinstance(item, Group) else [item]:
        if gen_check(p, check_mask, names, ind, o):
            return True
    return False


def gen_node(node, known, full, names, ind, o):
    if node.kind == "leaf":
        if not gen_item(node.item, full & ~known, names, ind, o):
            o.append("%sreturn false;" % ind)
        return
    if node.kind == "test":
        for it in node.items:
            gen_item(it, full & ~known, names, ind, o)
        o.append("%sreturn false;" % ind)
        return
    o.append("%sswitch (insn & 0x%xu) {" % (ind, node.mask))
    for value, child in node.cases.items():
        o.append("%scase 0x%xu:" % (ind, value))
        gen_node(child, known | node.mask, full, names, ind + "    ", o)
    o.append("%sdefault:" % ind)
    o.append("%s    return false;" % ind)
    o.append("%s}" % ind)


def gen_source(spec, names, header_include):
    o = []
    o.append("/* Generated by tools/gen_decoder.py: decision-tree decoders and the trans "
             "dispatch. Do not edit. */")
    o.append('#include "%s"' % header_include)
    o.append("")
    o.append("const %sInsnInfo %s_insn_info[%s_INSN_COUNT] = {"
             % (names.tp, names.prefix, names.prefix.upper()))
    o.append('    [%s_INSN_NONE] = {"(none)", "", 0, 0, 0, 0, 0},' % names.prefix.upper())
    for p in spec.patterns:
        fixed = sum(1 << i for i, f in enumerate(p.argset.fields) if p.assigns[f][0] == "const")
        o.append('    [%s] = {"%s", "%s", %s_ARGSET_%s, %d, 0x%x, 0x%xu, 0x%xu},'
                 % (names.insn_enum(p), p.name, p.trans, names.prefix.upper(),
                    p.argset.name.upper(), p.decoder.width, fixed, p.mask, p.match))
    o.append("};")
    o.append("")
    o.append("const %sArgsetInfo %s_argset_info[%s_ARGSET_COUNT] = {"
             % (names.tp, names.prefix, names.prefix.upper()))
    for a in spec.argsets.values():
        fl = ", ".join('"%s"' % f for f in a.fields) or "0"
        o.append('    [%s_ARGSET_%s] = {"%s", %d, {%s}},'
                 % (names.prefix.upper(), a.name.upper(), a.name, len(a.fields), fl))
    o.append("};")
    o.append("")
    used = []
    for p in spec.patterns:
        for kind, val in p.assigns.values():
            if kind == "field" and val not in used:
                used.append(val)
    for f in sorted(used, key=lambda f: f.line):
        o.extend(gen_field_fn(f, names))
        o.append("")
    for dec in spec.decoders:
        full = (1 << dec.width) - 1
        o.append("bool %s_%s_match(%s insn, %sDecoded *out)"
                 % (names.prefix, dec.name, word_type(dec.width), names.tp))
        o.append("{")
        if not dec.items:
            o.append("    (void)insn, (void)out;")
            o.append("    return false;")
        else:
            gen_node(decoder_tree(dec), 0, full, names, "    ", o)
        o.append("}")
        o.append("")
    o.append("bool %s_dispatch(struct %s *ctx, const %sDecoded *d)"
             % (names.prefix, names.ctx, names.tp))
    o.append("{")
    o.append("    switch (d->id) {")
    for p in spec.patterns:
        o.append("    case %s:" % names.insn_enum(p))
        o.append("        return %s(ctx, &d->args.%s);" % (names.trans(p.trans), p.argset.name))
    o.append("    default:")
    o.append("        return false;")
    o.append("    }")
    o.append("}")
    return "\n".join(o) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("spec")
    ap.add_argument("--prefix", required=True, help="C function prefix, e.g. rv")
    ap.add_argument("--type-prefix", required=True, help="C type prefix, e.g. Rv")
    ap.add_argument("--ctx", required=True, help="struct name of the trans context")
    ap.add_argument("--header", required=True, help="output header path")
    ap.add_argument("--source", required=True, help="output C file path")
    ap.add_argument("--include", required=True, help="how the C file includes the header")
    args = ap.parse_args(argv)
    try:
        with open(args.spec) as f:
            spec = parse_spec(f.read(), args.spec)
    except SpecError as e:
        print("gen_decoder: %s" % e, file=sys.stderr)
        return 1
    names = Names(args.prefix, args.type_prefix, args.ctx)
    guard = "FVP_GENERATED_%s_DECODE_H" % args.prefix.upper()
    with open(args.header, "w") as f:
        f.write(gen_header(spec, names, guard))
    with open(args.source, "w") as f:
        f.write(gen_source(spec, names, args.include))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
