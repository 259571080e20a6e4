/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsct: the grammar of rule files (see sct.rules(5)).
 *
 * A pure parser: all its state is in struct sct_parse and the scanner's.
 * Values are checked as they come (rules.c); a syntax error abandons the
 * rule it is in and the parser skips to the next "rule" keyword, so that
 * each error gets one message and the rules after it are still checked.
 */

%define api.pure full
%define api.prefix {sct_yy}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {struct sct_parse *ps}

%code requires {
#include "rules-internal.h"
}

%code provides {
int sct_yylex(SCT_YYSTYPE *lval, SCT_YYLTYPE *lloc, void *scanner);
}

%code {
#include <stdlib.h>
#include <string.h>

static struct sct_loc L(SCT_YYLTYPE l)
{
	return (struct sct_loc){ l.first_line, l.first_column };
}

static struct sct_loc L_END(SCT_YYLTYPE l)
{
	return (struct sct_loc){ l.last_line, l.last_column };
}

/* Only for "memory exhausted": syntax errors are reported below. */
static void sct_yyerror(SCT_YYLTYPE *loc, void *scanner,
			struct sct_parse *ps, const char *msg)
{
	(void)loc;
	(void)scanner;
	(void)msg;
	ps->oom = true;
}
}

%union {
	char *str;
}

%token RULE "rule"
%token SYSCALL_NAME "syscall_name"
%token RULE_NAME "rule_name"
%token FILTER_EXPRESSION "filter_expression"
%token ACTION "action"
%token WHEN "when"
%token ORDER "order"
%token CONTINUE "continue"
%token ENABLED "enabled"
%token FORCE "force"
%token ACT_ON_INIT "act_on_init"
%token TRACE "trace"
%token CAPTURE_SIZE "capture_size"
%token TYPE "type"
%token ERROR_CODE "error_code"
%token LOG_FORMAT "log_format"
%token LOG_TARGET "log_target"
%token <str> VALUE "value"
%token <str> BODY "body"
%token <str> WORD "word"
%token <str> BAD "character"

%destructor { free($$); } <str>

%%

file:
	  %empty
	| file rule
	| file error
	;

rule:
	RULE { yyerrok; sct_rf_begin(ps, L(@1)); } '{' items '}'
		{ sct_rf_end(ps); }
	;

items:
	  %empty
	| items item
	;

item:
	  SYSCALL_NAME '=' VALUE
		{ sct_rf_value(ps, SCT_K_SYSCALL, L(@1), $3, L(@3)); }
	| RULE_NAME '=' VALUE
		{ sct_rf_value(ps, SCT_K_NAME, L(@1), $3, L(@3)); }
	| WHEN '=' VALUE
		{ sct_rf_value(ps, SCT_K_WHEN, L(@1), $3, L(@3)); }
	| ORDER '=' VALUE
		{ sct_rf_value(ps, SCT_K_ORDER, L(@1), $3, L(@3)); }
	| CONTINUE '=' VALUE
		{ sct_rf_value(ps, SCT_K_CONTINUE, L(@1), $3, L(@3)); }
	| ENABLED '=' VALUE
		{ sct_rf_value(ps, SCT_K_ENABLED, L(@1), $3, L(@3)); }
	| FORCE '=' VALUE
		{ sct_rf_value(ps, SCT_K_FORCE, L(@1), $3, L(@3)); }
	| ACT_ON_INIT '=' VALUE
		{ sct_rf_value(ps, SCT_K_ACT_ON_INIT, L(@1), $3, L(@3)); }
	| TRACE '=' VALUE
		{ sct_rf_value(ps, SCT_K_TRACE, L(@1), $3, L(@3)); }
	| CAPTURE_SIZE '=' VALUE
		{ sct_rf_value(ps, SCT_K_CAPTURE_SIZE, L(@1), $3, L(@3)); }
	| FILTER_EXPRESSION BODY
		{ sct_rf_body(ps, SCT_K_FILTER, L(@1), $2, L(@2), L_END(@2)); }
	| ACTION { sct_rf_key(ps, SCT_K_ACTION, L(@1)); } '{' action_items '}'
	;

action_items:
	  %empty
	| action_items action_item
	;

action_item:
	  TYPE '=' VALUE
		{ sct_rf_value(ps, SCT_K_TYPE, L(@1), $3, L(@3)); }
	| ERROR_CODE '=' VALUE
		{ sct_rf_value(ps, SCT_K_ERROR, L(@1), $3, L(@3)); }
	| LOG_TARGET '=' VALUE
		{ sct_rf_value(ps, SCT_K_TARGET, L(@1), $3, L(@3)); }
	| LOG_FORMAT BODY
		{ sct_rf_body(ps, SCT_K_FORMAT, L(@1), $2, L(@2), L_END(@2)); }
	;

%%

/* How a message names a token the parser expected. */
static const char *sct_expected_name(yysymbol_kind_t kind, char *buf,
				     size_t size)
{
	const char *name = yysymbol_name(kind);
	size_t n = strlen(name);

	switch (kind) {
	case YYSYMBOL_YYEOF:
		return "end of file";
	case YYSYMBOL_VALUE:
		return "a value";
	case YYSYMBOL_BODY:
		return "'{'";
	default:
		break;
	}
	/* Keywords in quotes: rule is 'rule'; '{' has its quotes. */
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"')
		snprintf(buf, size, "'%.*s'", (int)(n - 2), name + 1);
	else if (name[0] == '\'')
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "'%s'", name);
	return buf;
}

/*
 * "unexpected 'X', expected 'A', 'B' or 'C' after 'K'": the token the
 * parser cannot take, what it could, and the keyword (or '=') before it.
 */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner,
				 struct sct_parse *ps)
{
	yysymbol_kind_t exp[YYNTOKENS], got = yypcontext_token(ctx);
	char msg[512], name[64], tok[2 * SCT_TOK_TEXT + 8];
	struct sct_loc loc = L(*yypcontext_location(ctx));
	int i, n;
	size_t len;

	(void)scanner;
	if (got == YYSYMBOL_YYEOF) {
		/* The scanner gives no position to the end of the file. */
		snprintf(tok, sizeof(tok), "end of file");
		loc = (struct sct_loc){ ps->line, ps->col };
		ps->prev_kw = false;
	} else {
		snprintf(tok, sizeof(tok), "'%s'", ps->tok);
	}
	len = snprintf(msg, sizeof(msg), "unexpected %s", tok);

	n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
	for (i = 0; i < n && len < sizeof(msg); i++) {
		len += snprintf(msg + len, sizeof(msg) - len, "%s%s",
				!i ? ", expected " : i == n - 1 ? " or " : ", ",
				sct_expected_name(exp[i], name, sizeof(name)));
	}
	if (n > 0 && ps->prev_kw && len < sizeof(msg))
		snprintf(msg + len, sizeof(msg) - len, " after '%s'", ps->prev);
	sct_rf_error(ps, loc, "%s", msg);
	return 0;
}
