/* Benchmark: a table-driven tokenizer DFA (identifiers, numbers, strings, comments) over
 * generated source text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_BYTES = 64 * 1024, SCANS_PER_ROUND = 4 };

/* Character classes. */
enum {
    C_SPACE,
    C_ALPHA,
    C_DIGIT,
    C_QUOTE,
    C_SLASH,
    C_STAR,
    C_NEWLINE,
    C_PUNCT,
    C_DOT,
    C_OTHER,
    C_COUNT
};

/* States; S_START also means "between tokens". Accepting a token happens on the transition
 * back to S_START, recorded by the action table. */
enum {
    S_START,
    S_IDENT,
    S_NUMBER,
    S_FRACTION,
    S_STRING,
    S_SLASH,
    S_LINE_COMMENT,
    S_BLOCK_COMMENT,
    S_BLOCK_STAR,
    S_COUNT
};

/* Token kinds counted when a token ends (0 = nothing ends here). */
enum { T_NONE, T_IDENT, T_NUMBER, T_STRING, T_COMMENT, T_PUNCT, T_KIND_COUNT };

typedef struct DfaTables {
    uint8_t cls[256];
    uint8_t next[S_COUNT][C_COUNT];
    uint8_t emit[S_COUNT][C_COUNT]; /* token kind ended by this transition */
} DfaTables;

static void dfa_set(DfaTables *t, int s, int c, int next, int emit)
{
    t->next[s][c] = (uint8_t)next;
    t->emit[s][c] = (uint8_t)emit;
}

/* Where a new token starts when the previous one ended on character class c. */
static int dfa_start_state(int c)
{
    switch (c) {
    case C_ALPHA:
        return S_IDENT;
    case C_DIGIT:
        return S_NUMBER;
    case C_QUOTE:
        return S_STRING;
    case C_SLASH:
        return S_SLASH;
    default:
        return S_START;
    }
}

static int dfa_start_emit(int c)
{
    return (c == C_PUNCT || c == C_STAR || c == C_DOT || c == C_OTHER) ? T_PUNCT : T_NONE;
}

static void dfa_build(DfaTables *t)
{
    for (int ch = 0; ch < 256; ch++) {
        int c = C_OTHER;
        if (ch == ' ' || ch == '\t')
            c = C_SPACE;
        else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_')
            c = C_ALPHA;
        else if (ch >= '0' && ch <= '9')
            c = C_DIGIT;
        else if (ch == '"')
            c = C_QUOTE;
        else if (ch == '/')
            c = C_SLASH;
        else if (ch == '*')
            c = C_STAR;
        else if (ch == '\n')
            c = C_NEWLINE;
        else if (ch == '.')
            c = C_DOT;
        else if (strchr("(){};,=+-<>[]", ch) && ch)
            c = C_PUNCT;
        t->cls[ch] = (uint8_t)c;
    }
    for (int c = 0; c < C_COUNT; c++) {
        dfa_set(t, S_START, c, dfa_start_state(c), dfa_start_emit(c));
        int after_ident = (c == C_ALPHA || c == C_DIGIT) ? S_IDENT : dfa_start_state(c);
        dfa_set(t, S_IDENT, c, after_ident, after_ident == S_IDENT ? T_NONE : T_IDENT);
        if (c == C_DIGIT)
            dfa_set(t, S_NUMBER, c, S_NUMBER, T_NONE);
        else if (c == C_DOT)
            dfa_set(t, S_NUMBER, c, S_FRACTION, T_NONE);
        else
            dfa_set(t, S_NUMBER, c, dfa_start_state(c), T_NUMBER);
        if (c == C_DIGIT)
            dfa_set(t, S_FRACTION, c, S_FRACTION, T_NONE);
        else
            dfa_set(t, S_FRACTION, c, dfa_start_state(c), T_NUMBER);
        dfa_set(t, S_STRING, c, c == C_QUOTE ? S_START : S_STRING, c == C_QUOTE ? T_STRING : 0);
        if (c == C_SLASH)
            dfa_set(t, S_SLASH, c, S_LINE_COMMENT, T_NONE);
        else if (c == C_STAR)
            dfa_set(t, S_SLASH, c, S_BLOCK_COMMENT, T_NONE);
        else
            dfa_set(t, S_SLASH, c, dfa_start_state(c), T_PUNCT);
        dfa_set(t, S_LINE_COMMENT, c, c == C_NEWLINE ? S_START : S_LINE_COMMENT,
                c == C_NEWLINE ? T_COMMENT : T_NONE);
        dfa_set(t, S_BLOCK_COMMENT, c, c == C_STAR ? S_BLOCK_STAR : S_BLOCK_COMMENT, T_NONE);
        if (c == C_SLASH)
            dfa_set(t, S_BLOCK_STAR, c, S_START, T_COMMENT);
        else
            dfa_set(t, S_BLOCK_STAR, c, c == C_STAR ? S_BLOCK_STAR : S_BLOCK_COMMENT, T_NONE);
    }
}

static uint32_t rng_next(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static size_t text_append(char *text, size_t pos, size_t cap, const char *s)
{
    while (*s && pos < cap)
        text[pos++] = *s++;
    return pos;
}

/* Fills text with a C-like soup of tokens; returns its length. */
static size_t text_generate(char *text, size_t cap, uint32_t seed)
{
    static const char *const words[] = {"while", "x",     "counter", "if",  "return",
                                        "_tmp9", "value", "for",     "int", "struct_field"};
    static const char *const puncts[] = {"(", ")", "{", "}", ";", ",", "=", "+",
                                         "<", "[", "]", "*", "-", "/", "."};
    size_t pos = 0;
    char num[32];
    while (pos < cap) {
        uint32_t r = rng_next(&seed);
        switch (r % 10) {
        case 0:
        case 1:
        case 2:
            pos = text_append(text, pos, cap, words[(r >> 4) % 10]);
            break;
        case 3:
            snprintf(num, sizeof(num), (r & 16) ? "%u.%u" : "%u", r % 100000, r % 97);
            pos = text_append(text, pos, cap, num);
            break;
        case 4:
        case 5:
            pos = text_append(text, pos, cap, puncts[(r >> 4) % 15]);
            break;
        case 6:
            pos = text_append(text, pos, cap,
                              (r & 32) ? "\"a string, with /* no comment\"" : "\"s\"");
            break;
        case 7:
            pos = text_append(text, pos, cap,
                              (r & 32) ? "// line comment \"x\"\n" : "/* block * comment */");
            break;
        default:
            pos = text_append(text, pos, cap, (r & 64) ? "\n" : " ");
            break;
        }
    }
    return pos;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: dfa SIZE (SIZE >= 1)\n");
        return 2;
    }
    static DfaTables tables;
    dfa_build(&tables);
    char *text = malloc(TEXT_BYTES);
    if (!text)
        return 1;
    uint64_t counts[T_KIND_COUNT] = {0};
    uint64_t sum = 0;
    for (long round = 0; round < size; round++) {
        size_t n = text_generate(text, TEXT_BYTES, (uint32_t)round * 7919u + 1);
        /* Each scan starts one byte later, so every scan sees a different token stream. */
        for (size_t scan = 0; scan < SCANS_PER_ROUND; scan++) {
            int state = S_START;
            uint64_t h = 0;
            for (size_t i = scan; i < n; i++) {
                int c = tables.cls[(uint8_t)text[i]];
                int kind = tables.emit[state][c];
                state = tables.next[state][c];
                counts[kind]++;
                h = (h + (uint64_t)kind * i) * 31 + (uint64_t)state;
            }
            sum ^= h + (uint64_t)round;
        }
    }
    for (int k = 0; k < T_KIND_COUNT; k++)
        sum = sum * 1000003u + counts[k];
    printf("dfa size=%ld idents=%llu numbers=%llu strings=%llu comments=%llu puncts=%llu "
           "checksum=%016llx\n",
           size, (unsigned long long)counts[T_IDENT], (unsigned long long)counts[T_NUMBER],
           (unsigned long long)counts[T_STRING], (unsigned long long)counts[T_COMMENT],
           (unsigned long long)counts[T_PUNCT], (unsigned long long)sum);
    free(text);
    return 0;
}
