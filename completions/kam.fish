# fish completion for kam(1).  The candidates come from the command table
# of kam itself: `kam __complete WORD... CUR` prints them one per line; the
# commands are described with the summaries of `kam -h`.
function __kam_complete
	set -l words (commandline -opc)
	set -l cur (commandline -ct)
	set -l kam $words[1]
	set -e words[1]
	set -l cands ($kam __complete $words "$cur" 2>/dev/null)
	if test (count $words) -eq 0
		set -l described ($kam -h 2>/dev/null |
		    string replace -rf '^   (\S+)\s+(.*)$' '$1\t$2')
		for c in $cands
			set -l d (string match -- $c\t'*' $described)
			if test -n "$d"
				echo $d[1]
			else
				echo $c
			end
		end
		return
	end
	printf '%s\n' $cands
end
complete -c kam -f -a '(__kam_complete)'
complete -c kam -s C -x -a '(__fish_complete_directories (commandline -ct))'
