import os, sys
# prints `ls -ls`-style "blocks name" lines and a `du -s`-style total for the paths given
total = 0
for p in sys.argv[1:]:
    st = os.stat(p)
    total += st.st_blocks
    print(st.st_blocks // 2, st.st_size, st.st_blksize, os.path.basename(p))
print("total", total // 2)
