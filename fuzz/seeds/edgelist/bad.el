1 2
1 2 3 4
5 6 heavy
7
8 9 inf
