/*
 * t_portfolio.c: a project read from a commit's tree (lib/projtree.c) on
 * a scratch bare repository made with libgit2, and the portfolio file,
 * the ordering of accounts and the exit kind (lib/portfolio.c).
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "kam.h"
#include "portfolio.h"
#include "project.h"
#include "schema.h"
#include "store.h"
#include "tap.h"

static char tmpdir[] = "/tmp/kam-t_portfolio-XXXXXX";
static char msgs[4096];

static void
on_msg(void *arg, int code, const char *msg)
{
	(void)arg;
	snprintf(msgs + strlen(msgs), sizeof(msgs) - strlen(msgs), "%d %s\n",
	    code, msg);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* A tree with the given files (name, content pairs; NULL ends). */
static git_tree *
make_tree(git_repository *repo, const char *const *files)
{
	git_treebuilder *tb = NULL;
	git_tree *t = NULL;
	git_oid id;

	if (git_treebuilder_new(&tb, repo, NULL) < 0)
		return NULL;
	for (; files[0] != NULL; files += 2) {
		if (git_blob_create_from_buffer(&id, repo, files[1],
		    strlen(files[1])) < 0 ||
		    git_treebuilder_insert(NULL, tb, files[0], &id,
		    GIT_FILEMODE_BLOB) < 0)
			goto out;
	}
	if (git_treebuilder_write(&id, tb) == 0)
		git_tree_lookup(&t, repo, &id);
out:
	git_treebuilder_free(tb);
	return t;
}

static void
test_tree(void)
{
	static const char *const good[] = {
		"kam.conf", "[project]\n\tname = Tree\n\tcurrency = JPY\n",
		"risks.csv", "id,title,category,probability,impact,strategy,"
		    "owner,status,trigger,response,review,raised\n"
		    "R-1,Late,,4,4,,,open,,,,\n",
		NULL };
	static const char *const badconf[] = {
		"kam.conf", "[project\n", NULL };
	static const char *const none[] = { "README", "hi\n", NULL };
	struct project p = PROJECT_INIT;
	struct table t = TABLE_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	git_repository *repo = NULL;
	git_tree *tree;
	char path[256];
	char **names = NULL;

	snprintf(path, sizeof(path), "%s/acc.git", tmpdir);
	if (!ok(git_repository_init(&repo, path, 1) == 0, "bare repository")) {
		diag("%s", git_error_last()->message);
		return;
	}
	tree = make_tree(repo, good);
	ok(tree != NULL, "tree with kam.conf and risks.csv");
	is_int(project_open_tree(&p, tree), 0, "project_open_tree");
	is_str(p.name, "Tree", "kam.conf read from the blob");
	is_int(p.digits, 0, "JPY has no minor digits");
	ok(p.today != 0, "today is set");
	is_int(store_load(&p, NULL, &schema_risks, &t), 0,
	    "store_load reads the blob");
	is_int(t.nrows, 1, "one risk");
	is_int(project_tree_read(&p, "tasks.csv", &b), 1,
	    "a missing file is 1");
	is_int(project_tree_names(&p, "expenses", &names), 0,
	    "a missing folder has no names");
	table_release(&t);
	p.tree = NULL;
	project_release(&p);
	git_tree_free(tree);

	p = (struct project)PROJECT_INIT;
	tree = make_tree(repo, badconf);
	msgs[0] = '\0';
	kam_msg_capture(on_msg, NULL);
	is_int(project_open_tree(&p, tree), -1, "a bad kam.conf fails");
	kam_msg_capture(NULL, NULL);
	ok(strncmp(msgs, "65 ", 3) == 0, "with 65");
	ok(strstr(msgs, "kam.conf") != NULL && strstr(msgs, "kam-conf-") ==
	    NULL, "naming kam.conf, not the temporary file: %s", msgs);
	p.tree = NULL;
	project_release(&p);
	git_tree_free(tree);

	p = (struct project)PROJECT_INIT;
	tree = make_tree(repo, none);
	msgs[0] = '\0';
	kam_msg_capture(on_msg, NULL);
	is_int(project_open_tree(&p, tree), -1, "no kam.conf fails");
	kam_msg_capture(NULL, NULL);
	ok(strncmp(msgs, "66 ", 3) == 0, "with 66: %s", msgs);
	p.tree = NULL;
	project_release(&p);
	git_tree_free(tree);
	kam_buf_release(&b);
	git_repository_free(repo);
	kam_exit_code = 0;
}

static void
write_conf(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
test_conf(void)
{
	struct portfolio pf = PORTFOLIO_INIT;
	char path[256], *m;

	write_conf("portfolio.conf",
	    "[account \"b\"]\n\tpath = ../b\n\tdir = pm/\n"
	    "[account \"a\"]\n\turl = file:///x\n\tbranch = dev\n");
	snprintf(path, sizeof(path), "%s/portfolio.conf", tmpdir);
	is_int(portfolio_open(&pf, path, NULL), 0, "portfolio_open -f");
	is_int(pf.n, 2, "two accounts");
	is_str(pf.acc[0].name, "b", "in file order");
	is_str(pf.acc[0].dir, "pm", "dir without its trailing slash");
	is_str(pf.acc[1].branch, "dev", "branch");
	m = portfolio_mirror(&pf, &pf.acc[1]);
	snprintf(path, sizeof(path), "%s/.kam/mirrors/a.git", tmpdir);
	is_str(m, path, "the mirror lies beside the file");
	free(m);
	portfolio_release(&pf);

	pf = (struct portfolio)PORTFOLIO_INIT;
	msgs[0] = '\0';
	kam_msg_capture(on_msg, NULL);
	is_int(portfolio_open(&pf, NULL, tmpdir), 0, "found by walking");
	portfolio_release(&pf);
	pf = (struct portfolio)PORTFOLIO_INIT;
	snprintf(path, sizeof(path), "%s/none.conf", tmpdir);
	is_int(portfolio_open(&pf, path, NULL), -1, "-f of a missing file");
	ok(strncmp(msgs, "66 ", 3) == 0, "is 66");
	portfolio_release(&pf);
	pf = (struct portfolio)PORTFOLIO_INIT;
	write_conf("bad.conf", "[account \"x/y\"]\n\tpath = z\n");
	snprintf(path, sizeof(path), "%s/bad.conf", tmpdir);
	msgs[0] = '\0';
	is_int(portfolio_open(&pf, path, NULL), -1, "a name with a slash");
	ok(strncmp(msgs, "65 ", 3) == 0, "is 65");
	kam_msg_capture(NULL, NULL);
	portfolio_release(&pf);
	kam_exit_code = 0;
}

static void
test_order(void)
{
	struct portfolio pf = PORTFOLIO_INIT;
	struct pf_account acc[4];

	memset(acc, 0, sizeof(acc));
	acc[0].name = xstrdup("green");
	acc[0].st.overall = AREA_GREEN;
	acc[1].name = xstrdup("red1");
	acc[1].st.overall = AREA_RED;
	acc[1].st.nred = 1;
	acc[2].name = xstrdup("red3");
	acc[2].st.overall = AREA_RED;
	acc[2].st.nred = 3;
	acc[3].name = xstrdup("bad");
	acc[3].state = PF_INVALID;
	acc[3].reason = xstrdup("risks.csv:2: x");
	pf.acc = xcalloc(4, sizeof(*pf.acc));
	memcpy(pf.acc, acc, sizeof(acc));
	pf.n = 4;
	portfolio_sort(&pf);
	is_str(pf.acc[0].name, "bad", "invalid first");
	is_str(pf.acc[1].name, "red3", "then the reddest");
	is_str(pf.acc[2].name, "red1", "then red");
	is_str(pf.acc[3].name, "green", "green last");
	is_int(portfolio_worst(&pf), 65, "invalid is 65");
	pf.acc[3].state = PF_UNREADABLE;
	is_int(portfolio_worst(&pf), 74, "unreadable is 74");
	is_str(portfolio_state_name(&pf.acc[3]), "unreadable", "state name");
	portfolio_release(&pf);
}

int
main(void)
{
	git_libgit2_init();
	if (mkdtemp(tmpdir) == NULL) {
		skip("cannot make a temporary directory");
		return done_testing();
	}
	test_tree();
	test_conf();
	test_order();
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	git_libgit2_shutdown();
	return done_testing();
}
