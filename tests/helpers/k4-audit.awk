# tests/helpers/k4-audit.awk: the durability audit of RELIABILITY.md K4
# over `strace -f -qq -y -e trace=openat,write,fsync,rename,renameat,link`
# output.  A file that is renamed or linked into place (kam's temp files
# and journal, libgit2's loose objects and ref locks) must have been
# fsynced since it was last written, and the directory it lands in must
# be fsynced before the next file is put in place (or the run ends).
# Reflog files that were appended to must be fsynced before the ref
# moves.  The index and the config are not checked: libgit2 1.5 fsyncs
# neither (nor does git by default); kam can rebuild the index from HEAD,
# and kam init sets the config again.
#
# Prints one line per violation and the number of files checked; exits 1
# on a violation or when fewer than `min` (-v min=N) files were checked.

function fdpath(s,    p) {
	# "fsync(5</a/b>)" or "write(5</a/b>, ..." -> /a/b
	p = s
	sub(/^[a-z0-9_]+\([0-9]+</, "", p)
	sub(/>.*/, "", p)
	return p
}

function arg(s, n,    i, p) {
	# the n-th double-quoted argument
	p = s
	for (i = 1; i < n; i++)
		sub(/^[^"]*"[^"]*"/, "", p)
	sub(/^[^"]*"/, "", p)
	sub(/".*/, "", p)
	return p
}

function dirname(p) {
	sub(/\/[^\/]*$/, "", p)
	return p
}

function placed(src, dst) {
	checked++
	if (!(src in synced) || !synced[src]) {
		print "not fsynced before it was put in place: " src
		bad++
	}
	if (pending != "") {
		print "directory not fsynced after a file was put in place: " pending
		bad++
	}
	pending = dirname(dst)
}

{
	line = $0
	sub(/^[0-9]+ +/, "", line)
}

line ~ /^openat\(/ && line ~ /O_CREAT|O_TRUNC/ && line !~ /= -1/ {
	p = line
	sub(/.* = [0-9]+</, "", p)
	sub(/>.*/, "", p)
	synced[p] = 0
	next
}

line ~ /^(write|pwrite64)\([0-9]+</ {
	p = fdpath(line)
	synced[p] = 0
	dirty[p] = 1
	if (p ~ /\/logs\//)
		logs[p] = 1
	next
}

line ~ /^fsync\([0-9]+</ {
	p = fdpath(line)
	synced[p] = 1
	dirty[p] = 0
	if (p == pending)
		pending = ""
	next
}

line ~ /^renameat\(/ && line !~ /= -1/ {
	d = line
	sub(/^renameat\([0-9]+</, "", d)
	sub(/>.*/, "", d)
	placed(d "/" arg(line, 1), d "/" arg(line, 2))
	next
}

(line ~ /^rename\(/ || line ~ /^link\(/) && line !~ /= -1/ {
	src = arg(line, 1)
	dst = arg(line, 2)
	# kam init builds a repository in .kam-tmp-init-<pid>/ (libgit2
	# fsyncs neither config nor HEAD there) and syncs the whole tree
	# before renaming its .git into place.
	if (src ~ /\/\.kam-tmp-init-[0-9]+\/\.git$/) {
		for (p in dirty)
			if (dirty[p] && index(p, src "/") == 1) {
				print "not fsynced before the repository was put in place: " p
				bad++
			}
		checked++
		if (!synced[src]) {
			print "directory not fsynced before it was put in place: " src
			bad++
		}
		pending = dirname(dst)
		next
	}
	if (src ~ /\/\.kam-tmp-init-[0-9]+\//) {
		dirty[dst] = dirty[src]
		delete dirty[src]
		next
	}
	if (src ~ /\/(index|config)\.lock$/)
		next
	if (src ~ /\/refs\/.*\.lock$/)
		for (l in logs)
			if (!synced[l]) {
				print "reflog not fsynced before the ref moved: " l
				bad++
			}
	placed(src, dst)
	next
}

END {
	if (pending != "") {
		print "directory not fsynced after a file was put in place: " pending
		bad++
	}
	print checked " files put in place"
	if (checked < min) {
		print "expected at least " min
		bad++
	}
	exit bad > 0
}
