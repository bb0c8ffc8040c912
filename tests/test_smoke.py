from http import HTTPStatus


def test_home_page_lists_a_published_course(client, course):
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    assert course.title in response.content.decode()
