"""Online discussion threads (the Migration Network hub's spaces): the page, its threads, comments and replies."""
