# bash completion for kam(1).  The candidates come from the command table
# of kam itself: `kam __complete WORD... CUR` prints them one per line.
_kam()
{
	local i w cur pre kam=${COMP_WORDS[0]/#\~/$HOME}
	local -a words=()

	# COMP_WORDBREAKS splits "--owner=P-1" into "--owner" "=" "P-1":
	# put such words back together for kam.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((${#words[@]} > 0)) &&
		    [[ $w == = || ${COMP_WORDS[i-1]} == = ]]; then
			words[${#words[@]}-1]+=$w
		else
			words+=("$w")
		fi
	done
	((${#words[@]} > 0)) || words=("")
	cur=${words[${#words[@]}-1]}
	mapfile -t COMPREPLY < <(command "$kam" __complete "${words[@]}" \
	    2>/dev/null)
	# bash replaces only the text after the last '=' of the word.
	case $COMP_WORDBREAKS in
	*=*)	pre=${cur%"${cur##*=}"} ;;
	esac
	[[ -n $pre ]] && COMPREPLY=("${COMPREPLY[@]#"$pre"}")
	# "--owner=" waits for its value: no space after it.
	if [[ ${COMPREPLY[*]} == *= || ${COMPREPLY[*]} == *"= "* ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}
complete -o bashdefault -o default -F _kam kam
