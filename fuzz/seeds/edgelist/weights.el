# a comment
1 2
2	3 0.5

3 1 # trailing
