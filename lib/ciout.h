/*
 * ciout.h: the findings of `kam check` in the languages of CI platforms,
 * so that they land on the line of the pull request that holds them.
 *
 *   struct health h = HEALTH_INIT;
 *   health_run(&h, p);  ... sorted as kam check shows them ...
 *   ciout_github(stdout, p, &h);        GitHub Actions workflow commands
 *   ciout_sarif(stdout, p, &h);         SARIF 2.1.0 (code scanning)
 *   ciout_codequality(stdout, p, &h);   GitLab Code Quality report
 *
 * Paths are relative to the repository root (p->prefix + the finding's
 * project-relative file), as the platforms resolve them against the
 * checkout.  A finding without a file is placed on the project's
 * kam.conf where a location is required (SARIF, Code Quality).
 *
 * Levels: invalid data and red are errors, amber a warning (SARIF
 * "error"/"warning"; Code Quality "blocker", "critical", "minor").
 *
 * Fingerprints (Code Quality's fingerprint, SARIF's partialFingerprints)
 * are SHA-1 hex of the rule, the path and the record (or, for a finding
 * without a record, its line; for invalid data, also the message), never
 * of the message of a rule (it holds today's numbers): the same finding
 * keeps its fingerprint across runs and across rows added above it.  Two
 * findings with the same key are told apart by their order.
 */
#ifndef KAM_CIOUT_H
#define KAM_CIOUT_H

#include <stdio.h>

#include "health.h"
#include "project.h"

void	ciout_github(FILE *fp, const struct project *p, const struct health *h);
void	ciout_sarif(FILE *fp, const struct project *p, const struct health *h);
void	ciout_codequality(FILE *fp, const struct project *p,
	    const struct health *h);

/* The fingerprints of h's findings, in order: fp[i] is 41 bytes (hex and
 * NUL).  Caller frees the array. */
char	(*ciout_fingerprints(const struct project *p,
	    const struct health *h))[41];

#endif
